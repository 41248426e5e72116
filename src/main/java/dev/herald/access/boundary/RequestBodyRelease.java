package dev.herald.access.boundary;

import dev.herald.platform.TenantShares;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives back the room {@link RequestBodyGate} took for a request's body when the request ends,
 * however it ends: room never given back would shrink its tenant's share for good.
 */
@WebFilter(urlPatterns = "/api/*")
public class RequestBodyRelease extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(RequestBodyGate.ROOM) instanceof TenantShares.Place room) {
                room.close();
            }
        }
    }
}
