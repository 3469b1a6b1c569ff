package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import dev.dbarch.contracts.monitor.MonitorRegistration.TlsMode;
import dev.dbarch.servicekit.problem.Problem;
import dev.dbarch.servicekit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * The one way to obtain what a connection to a monitored database needs: the password from a
 * reference inside the secret scopes, an address the host policy allows, and the TLS setting with
 * its CA certificate from the same scope. Every connection path (registration, catalog reads,
 * workload polls, the capture engine) goes through here.
 */
@ApplicationScoped
public class MonitorAccess {

  private final SecretReference.Scope scope;
  private final HostPolicy hosts;
  private final boolean requireTls;

  @Inject
  public MonitorAccess(SecretsConfig secrets, MonitorConfig monitors) {
    this(SecretReference.Scope.of(secrets), HostPolicy.of(monitors), monitors.requireTls());
  }

  MonitorAccess(SecretReference.Scope scope, HostPolicy hosts) {
    this(scope, hosts, false);
  }

  MonitorAccess(SecretReference.Scope scope, HostPolicy hosts, boolean requireTls) {
    this.scope = scope;
    this.hosts = hosts;
    this.requireTls = requireTls;
  }

  /** Parses a reference: 400 naming passwordRef when it is a literal or out of scope. */
  public SecretReference reference(String passwordRef) {
    return scope.parse(passwordRef);
  }

  /**
   * Checks a TLS setting without reading anything: 400 naming {@code tls.mode} when intake requires
   * verified TLS ({@code dbarch.monitor.require-tls}) and this is less, or naming {@code tls.caRef}
   * when the CA reference is missing, misplaced or out of scope. Returns the CA reference, if any.
   */
  public SecretReference tls(MonitorRegistration.Tls tls) {
    TlsMode mode = tls == null ? null : tls.mode();
    if (requireTls && mode != TlsMode.VERIFY_FULL) {
      throw invalid(
          "tls.mode",
          "intake-service requires tls.mode verify-full with a CA (dbarch.monitor.require-tls);"
              + " it is "
              + (mode == null ? "not set" : mode.label()));
    }
    if (tls == null) {
      return null;
    }
    if (mode == null) {
      throw invalid("tls.mode", "tls.mode is required: disable, require or verify-full");
    }
    if (mode == TlsMode.VERIFY_FULL) {
      if (tls.caRef() == null || tls.caRef().isBlank()) {
        throw invalid("tls.caRef", "tls.caRef is required with tls.mode verify-full");
      }
      return scope.parseFile("tls.caRef", tls.caRef());
    }
    if (tls.caRef() != null) {
      throw invalid("tls.caRef", "tls.caRef is used only with tls.mode verify-full");
    }
    return null;
  }

  /**
   * Checks the reference, the TLS setting and the host (400 when refused), then reads the secret
   * and checks the CA certificate. Nothing here opens a socket; a refused host means the secret is
   * not even read.
   */
  public Credentials credentials(String host, String passwordRef, MonitorRegistration.Tls tls) {
    SecretReference reference = reference(passwordRef);
    SecretReference ca = tls(tls);
    InetAddress address = hosts.check(host);
    Path caFile = ca == null ? null : certificate(ca);
    return new Credentials(
        reference.resolve(), address, host, tls == null ? null : tls.mode(), caFile);
  }

  public Credentials credentials(MonitorRegistration monitor) {
    return credentials(monitor.host(), monitor.passwordRef(), monitor.tls());
  }

  /**
   * The CA file, once it parsed as X.509: a driver is never pointed at a file of another kind (a
   * password file named as the CA would otherwise reach the driver's error messages).
   */
  private static Path certificate(SecretReference ca) {
    SecretReference.FileContent file = ca.file();
    try {
      if (CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(file.content()))
          .isEmpty()) {
        throw notACertificate();
      }
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      throw notACertificate();
    }
    return file.path();
  }

  private static ProblemException notACertificate() {
    String message = "tls.caRef does not name a PEM X.509 certificate";
    return new ProblemException(
        Problem.of(
            422,
            "Unprocessable Content",
            message + ".",
            List.of(new Problem.FieldError("tls.caRef", message))));
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(
            400,
            "Invalid request",
            message + ".",
            List.of(new Problem.FieldError(field, message))));
  }
}
