package dev.dbarch.intake.migrationcheck;

/**
 * The JSON form of a pre-deploy check.
 *
 * @param sql the migration script
 * @param dialect POSTGRESQL (default), MYSQL or MARIADB
 * @param serverVersion the server version to follow ({@code 15}); the monitored system's, else the
 *     dialect's newest, when absent
 * @param systemId a system whose live catalog (table sizes, server version) and requirements
 *     (targets) the check uses
 */
public record MigrationCheckRequest(
    String sql, String dialect, String serverVersion, String systemId) {}
