package dev.dbarch.lint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's major and minor version, read from what the server reports ({@code 17.6}, {@code 15.20
 * (Debian …)}, {@code 10.11.19-MariaDB-0+deb12u1}, {@code 8.0.36}) or what a user states ({@code
 * 15}).
 */
public record ServerVersion(int major, int minor) implements Comparable<ServerVersion> {

  private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

  /** The newest PostgreSQL the rules know; assumed when nothing says otherwise. */
  public static final ServerVersion POSTGRES_DEFAULT = new ServerVersion(17, 0);

  /** MySQL 8.0 as the default for MySQL scripts. */
  public static final ServerVersion MYSQL_DEFAULT = new ServerVersion(8, 0);

  /** MariaDB 10.11 (the current long-term release) as the default for MariaDB scripts. */
  public static final ServerVersion MARIADB_DEFAULT = new ServerVersion(10, 11);

  public static ServerVersion parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty server version");
    }
    Matcher m = NUMBERS.matcher(text.strip());
    if (!m.lookingAt()) {
      throw new IllegalArgumentException(
          "server version '" + text + "' does not start with a number such as 15 or 8.0");
    }
    int major = Integer.parseInt(m.group(1));
    int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    return new ServerVersion(major, minor);
  }

  /** The default version of a dialect. */
  public static ServerVersion defaultFor(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> POSTGRES_DEFAULT;
      case MYSQL -> MYSQL_DEFAULT;
      case MARIADB -> MARIADB_DEFAULT;
    };
  }

  public boolean atLeast(int major) {
    return this.major >= major;
  }

  public boolean atLeast(int major, int minor) {
    return this.major > major || this.major == major && this.minor >= minor;
  }

  @Override
  public int compareTo(ServerVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
