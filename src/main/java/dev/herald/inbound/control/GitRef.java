package dev.herald.inbound.control;

/** A git ref as forges send it ({@code refs/heads/main}, {@code refs/tags/v1.2.0}) and the branch or tag it names. */
record GitRef(String ref, String branch, String tag) {

    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";

    /** A ref that is neither under heads nor tags is taken as a branch name as it is; null names nothing. */
    static GitRef parse(String ref) {
        if (ref == null) {
            return new GitRef(null, null, null);
        }
        if (ref.startsWith(TAGS)) {
            return new GitRef(ref, null, ref.substring(TAGS.length()));
        }
        return new GitRef(ref, ref.startsWith(HEADS) ? ref.substring(HEADS.length()) : ref, null);
    }

    boolean isTag() {
        return tag != null;
    }
}
