package dev.dbarch.servicekit.auth;

/**
 * The roles a token grants in its {@code groups} claim. They are independent: a token lists every
 * role its holder needs ({@code admin} does not imply {@code viewer}).
 */
public final class Roles {

  /** May submit requirements for assessment. */
  public static final String SUBMITTER = "submitter";

  /** May read systems, recommendations, revisions, diffs and the event stream. */
  public static final String VIEWER = "viewer";

  /** May register, pause, resume, list and delete monitored databases. */
  public static final String ADMIN = "admin";

  private Roles() {}
}
