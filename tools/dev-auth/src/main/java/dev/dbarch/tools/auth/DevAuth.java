package dev.dbarch.tools.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code ./dbarch} for local authentication:
 *
 * <pre>
 * keys  DIR                     create DIR/private-key.pem (mode 600) and DIR/public-key.pem if missing
 * token DIR [ROLE...] [--tenant T] [--ttl 8h] [--issuer dbarch]
 *                               print a token signed with DIR/private-key.pem (default: every role,
 *                               tenant "local", 8 hours)
 * </pre>
 *
 * It never prints or logs the private key.
 */
public final class DevAuth {

  private DevAuth() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length >= 2 && args[0].equals("keys")) {
        boolean created = KeyFiles.ensure(Path.of(args[1]));
        out.println(
            (created ? "created " : "kept ") + Path.of(args[1]).resolve(KeyFiles.PUBLIC_KEY));
        return 0;
      }
      if (args.length >= 2 && args[0].equals("token")) {
        Path privateKey = Path.of(args[1]).resolve(KeyFiles.PRIVATE_KEY);
        if (!Files.isRegularFile(privateKey)) {
          err.println("No key pair in " + args[1] + "; ./dbarch up creates it.");
          return 2;
        }
        Tokens.Claims claims = claims(List.of(args).subList(2, args.length));
        out.println(Tokens.mint(KeyFiles.readPrivate(privateKey), claims));
        return 0;
      }
      err.println(
          "usage: keys DIR | token DIR [submitter|viewer|admin ...] [--tenant T] [--ttl 8h]"
              + " [--issuer dbarch]");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("Cannot read or write the key files: " + e.getMessage());
      return 1;
    }
  }

  static Tokens.Claims claims(List<String> args) {
    List<String> roles = new ArrayList<>();
    String tenant = Tokens.DEFAULT_TENANT;
    String issuer = Tokens.DEFAULT_ISSUER;
    Duration ttl = Tokens.DEFAULT_TTL;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--tenant" -> tenant = value(args, ++i, arg);
        case "--ttl" -> ttl = Tokens.parseTtl(value(args, ++i, arg));
        case "--issuer" -> issuer = value(args, ++i, arg);
        default -> {
          if (!Tokens.ROLES.contains(arg)) {
            throw new IllegalArgumentException(
                "Unknown role or option '" + arg + "'; roles are " + Tokens.ROLES);
          }
          if (!roles.contains(arg)) {
            roles.add(arg);
          }
        }
      }
    }
    if (!Tokens.isTenant(tenant)) {
      throw new IllegalArgumentException(
          "--tenant '" + tenant + "' must be 1 to 63 lower-case letters, digits and dashes");
    }
    return Tokens.Claims.of(tenant, roles.isEmpty() ? Tokens.ROLES : roles)
        .withIssuer(issuer)
        .validFrom(Instant.now(), ttl);
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }
}
