#!/bin/sh
# The image's smoke check, which CI runs after each build: deploy/smoke-check.sh <image>.
# The image refuses to start without its settings, runs as a user of its own, passes
# Django's deploy checklist, and its web server answers /health/.
set -eu
image=$1

if docker run --rm "$image" python manage.py check >/dev/null 2>&1; then
    echo "The image started without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL." >&2
    exit 1
fi
if [ "$(docker run --rm "$image" id -u)" = 0 ]; then
    echo "The image runs as root." >&2
    exit 1
fi

settings=$(mktemp)
cat > "$settings" <<SETTINGS
SECRET_KEY=$(od -An -N48 -tx1 /dev/urandom | tr -d ' \n')
ALLOWED_HOSTS=localhost
DATABASE_URL=sqlite:////tmp/db.sqlite3
CACHE_URL=redis://localhost:6379/0
SETTINGS
docker run --rm --env-file "$settings" "$image" \
    python manage.py check --deploy --fail-level WARNING

container=$(docker run -d --env-file "$settings" "$image")
trap 'docker rm -f "$container" >/dev/null; rm -f "$settings"' EXIT
probe="import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['UVICORN_PORT'] + '/health/', timeout=2)"
for _ in $(seq 30); do
    if docker exec "$container" python -c "$probe" 2>/dev/null; then
        echo "The image answers /health/."
        exit 0
    fi
    sleep 1
done
docker logs "$container"
exit 1
