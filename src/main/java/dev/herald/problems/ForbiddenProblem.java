package dev.herald.problems;

/**
 * The caller is known but may not do this: 403. The slug says which rule refused it
 * ({@code missing-scope}, {@code separation-of-duties}), so a client can tell them apart.
 */
public class ForbiddenProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String slug;

    public ForbiddenProblem(String detail) {
        this("forbidden", detail);
    }

    public ForbiddenProblem(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
