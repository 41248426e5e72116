package dev.herald.console;

import dev.herald.access.control.RequestBodyRoom;
import dev.herald.events.control.HistoryExport;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's "export as JSON Lines": the tenant's whole history as GET /events/export
 * streams it, downloaded by a plain link (reading changes nothing, so no form is needed).
 * {@link ConsoleGuard} lets only a signed-in session with a valid token reach it.
 */
@WebServlet("/console/history.jsonl")
public class HistoryDownload extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Only for the size of a read's batches: a person's console reads take no room. */
    @Inject
    RequestBodyRoom bodyRoom;

    @Inject
    ConsoleSession session;

    @Inject
    HistoryExport export;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!session.canRead("publish")) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This token may not read the history");
            return;
        }
        response.setContentType("application/jsonl");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"herald-history.jsonl\"");
        export.write(session.getTenantId(), null, null, bodyRoom.readBatchChars(), response.getOutputStream());
    }
}
