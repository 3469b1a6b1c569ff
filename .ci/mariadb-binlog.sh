#!/usr/bin/env bash
# Turns on the row-based binary log of the machine's MariaDB so the MariaDB capture test can run
# (Debezium reads DDL from the binlog). Idempotent; does nothing when no MariaDB is installed.
set -euo pipefail
command -v mariadbd >/dev/null 2>&1 || command -v /usr/sbin/mariadbd >/dev/null 2>&1 || {
  echo "No MariaDB server installed; its tests will skip"
  exit 0
}
if [ "$(mariadb -uroot -N -e "SELECT @@log_bin" 2>/dev/null || true)" = "1" ]; then
  echo "MariaDB binlog already on"
  exit 0
fi
CONF=/etc/mysql/my.cnf
if ! grep -q "dbarch: row-based binlog" "$CONF" 2>/dev/null; then
  cat >> "$CONF" <<'CNF'

# dbarch: row-based binlog for the MariaDB capture test
[mysqld]
log-bin = mariadb-bin
binlog-format = ROW
binlog-row-image = FULL
server-id = 1
expire-logs-days = 1
CNF
fi
mariadb-admin -uroot shutdown 2>/dev/null || true
for _ in $(seq 1 30); do pgrep -x mariadbd >/dev/null || break; sleep 1; done
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
for _ in $(seq 1 60); do
  if [ "$(mariadb -uroot -N -e "SELECT @@log_bin" 2>/dev/null || true)" = "1" ]; then
    echo "MariaDB restarted with the binlog on"
    exit 0
  fi
  sleep 1
done
echo "MariaDB did not come back with the binlog on; its capture test will skip" >&2
