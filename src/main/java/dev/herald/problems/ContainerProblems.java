package dev.herald.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answers the servlet container would otherwise give as HTML pages, as problem+json:
 * any path no endpoint serves (this servlet replaces the container's default one, which
 * answered 403 or 501 to some methods and would serve files), and the errors the container
 * raises itself (web.xml sends them to {@code /container-problem}), such as a Content-Type
 * header it cannot parse.
 */
@WebServlet(urlPatterns = {"/", "/container-problem"})
public class ContainerProblems extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object error = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Problem problem = error instanceof Integer status && status >= 400
                ? Problem.ofStatus(
                        status,
                        "The server could not read the request as it was sent: check its path "
                                + "and headers (Content-Type: application/json) against /openapi")
                : Problem.ofStatus(404, "There is no such resource; see /openapi for the API's paths");
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toResponse().getEntity().toString());
    }
}
