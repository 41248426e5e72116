package dev.herald.console;

import dev.herald.platform.PageRequest;
import java.io.Serializable;

/**
 * The page number of a list whose rows have actions, kept with the view. A row's button is
 * decoded before the view's parameters reach a request-scoped bean, so a list paged by one
 * would be read as page 1 at that moment, and the button of row 3 on page 2 would act on row 3
 * of page 1.
 */
public class ViewPage implements Serializable {

    private static final long serialVersionUID = 1L;

    private int number = 1;

    /** A String like its setter's argument: a view parameter writes the property only when both agree. */
    public String getNumber() {
        return String.valueOf(number);
    }

    public void setNumber(String given) {
        number = ConsolePages.pageNumber(given);
    }

    PageRequest request() {
        return new PageRequest(number, ConsolePages.PAGE_SIZE);
    }
}
