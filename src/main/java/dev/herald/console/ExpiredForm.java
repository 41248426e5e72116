package dev.herald.console;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * A form sent from a page whose view the session no longer holds: signed out and in again in
 * another tab, or more pages opened since than the session keeps. Faces cannot run it, and its
 * exception reached the container, which answered 500 as for a fault of Herald's. It is the
 * person's page that is out of date: they are told so, and nothing was done.
 */
final class ExpiredForm {

    private static final Logger LOG = Logger.getLogger(ExpiredForm.class.getName());

    private ExpiredForm() {}

    /** Answers {@code 409} with a page saying what to do, if {@code failure} is an expired form's: whether it did. */
    static boolean answered(Throwable failure, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (!isExpiredForm(failure, request) || response.isCommitted()) {
            return false;
        }
        // One line, not the stack: anyone may post such a form to the sign-in page, as often as they like.
        LOG.info("A console form from a page its session no longer holds was refused (409)");
        response.resetBuffer();
        byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"><title>Herald: page expired"
                        + "</title></head><body><p>This page had expired (you signed in again, or opened many pages"
                        + " since), so nothing was done. Load the page again and repeat what you did.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
        return true;
    }

    private static boolean isExpiredForm(Throwable failure, HttpServletRequest request) {
        // A page's form sent with the sign-in form's view state ("stateless"): no view to restore either.
        boolean stateless = "stateless".equals(request.getParameter("jakarta.faces.ViewState"));
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ViewExpiredException
                    || stateless
                            && cause instanceof FacesException
                            && String.valueOf(cause.getMessage()).contains("restore")) {
                return true;
            }
        }
        return false;
    }
}
