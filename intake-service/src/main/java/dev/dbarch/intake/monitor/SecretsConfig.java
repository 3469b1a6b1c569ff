package dev.dbarch.intake.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where monitored databases' passwords may come from. A reference outside these scopes is refused,
 * so a caller who may register monitors cannot make intake read its own files or environment and
 * send them to a server of the caller's choosing.
 */
@ConfigMapping(prefix = "dbarch.secrets")
public interface SecretsConfig {

  /**
   * The only directory {@code file:} references may name (a file in it, or below it). Unset: {@code
   * file:} references are refused. {@code ./dbarch up} sets it to {@code .dbarch/secrets}.
   */
  Optional<Path> dir();

  /** {@code env:} references may name only variables whose name starts with this. */
  @WithDefault("DBARCH_SECRET_")
  String envPrefix();

  /** A secret file larger than this is refused: a password is short, a device or a log is not. */
  @WithDefault("65536")
  int maxFileBytes();
}
