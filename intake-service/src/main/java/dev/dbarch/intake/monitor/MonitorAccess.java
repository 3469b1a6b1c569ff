package dev.dbarch.intake.monitor;

import dev.dbarch.contracts.monitor.MonitorRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;

/**
 * The one way to obtain what a connection to a monitored database needs: the password from a
 * reference inside the secret scopes, and an address the host policy allows. Every connection path
 * (registration, catalog reads, workload polls, the capture engine) goes through here.
 */
@ApplicationScoped
public class MonitorAccess {

  private final SecretReference.Scope scope;
  private final HostPolicy hosts;

  @Inject
  public MonitorAccess(SecretsConfig secrets, MonitorConfig monitors) {
    this(SecretReference.Scope.of(secrets), HostPolicy.of(monitors));
  }

  MonitorAccess(SecretReference.Scope scope, HostPolicy hosts) {
    this.scope = scope;
    this.hosts = hosts;
  }

  /** Parses a reference: 400 naming passwordRef when it is a literal or out of scope. */
  public SecretReference reference(String passwordRef) {
    return scope.parse(passwordRef);
  }

  /**
   * Checks the reference and the host (400 when refused), then reads the secret. Nothing here opens
   * a socket; a host that is refused means the secret is not even read.
   */
  public Credentials credentials(String host, String passwordRef) {
    SecretReference reference = reference(passwordRef);
    InetAddress address = hosts.check(host);
    return new Credentials(reference.resolve(), address);
  }

  public Credentials credentials(MonitorRegistration monitor) {
    return credentials(monitor.host(), monitor.passwordRef());
  }
}
