#!/usr/bin/env bash
# PostgreSQL and Redis on 127.0.0.1 for the full stack and for CI: installs what is missing (apt), starts what
# is not running, and creates the project's own role and database. Safe to run again.
set -euo pipefail

DB_NAME=${DB_NAME:-invoeringstoets}
DB_USER=${DB_USER:-invoeringstoets}
DB_PASSWORD=${DB_PASSWORD:-invoeringstoets}

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

packages=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || packages+=(postgresql)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$sudo" = "none" ]; then
    echo "PostgreSQL en Redis zijn nodig maar ontbreken: ${packages[*]}." >&2
    echo "Installeer ze als root: apt-get install ${packages[*]} (en start dit script daarna opnieuw)." >&2
    exit 1
  fi
  echo "Installeren: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

wait_for() {  # description, command
  for _ in $(seq 1 60); do
    if eval "$2" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$1 kwam niet op." >&2
  return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if [ "$sudo" = "none" ]; then
    echo "PostgreSQL draait niet op 127.0.0.1:5432 en starten kan alleen als root (of met sudo)." >&2
    exit 1
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    $sudo pg_createcluster "$version" main
  fi
  echo "PostgreSQL $version starten"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for "PostgreSQL" "pg_isready -h 127.0.0.1 -p 5432 -q"
fi

as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"" | grep -q 1 \
  || as_postgres "psql -q -c \"CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEDB\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$DB_NAME'\"" | grep -q 1 \
  || as_postgres "createdb -O $DB_USER $DB_NAME"

if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  echo "Redis starten"
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no --dir /tmp \
    --logfile /tmp/redis-invoeringstoets.log
  wait_for "Redis" "redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG"
fi

echo "PostgreSQL en Redis draaien op 127.0.0.1."
