#!/usr/bin/env bash
# A D-ID Talks client as a shell script: curl with `-u "$DID_API_KEY:"` (the key as the user name and an
# empty password, so `Basic base64(<key>:)`), jq for the answers. The body is a heredoc copied from a
# docs example, with "stitch" left inside "script", where D-ID ignores it.
#
# Usage: curl_user.sh BASE_URL PHOTO DEADLINE_SECONDS
# Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
set -euo pipefail

[ $# -eq 3 ] && [ -n "${DID_API_KEY:-}" ] || { echo "usage: DID_API_KEY=<key> $0 BASE_URL PHOTO DEADLINE_SECONDS" >&2; exit 2; }
API="${1%/}"; PHOTO="$2"; DEADLINE_SECONDS="$3"
fail() { echo "FAILED: $*" >&2; exit 1; }

USER_ARG="$DID_API_KEY:"
MISPLACED_STITCH='"stitch": true,'

BODY_FILE=$(mktemp); trap 'rm -f "$BODY_FILE" "$BODY_FILE.mp4"' EXIT
# did METHOD PATH EXPECTED_STATUS [curl arguments...]: the answer's body is left in $BODY_FILE
did() {
  local method=$1 path=$2 expected=$3; shift 3
  local code
  code=$(curl -sS -u "$USER_ARG" -H 'accept: application/json' -X "$method" -o "$BODY_FILE" -w '%{http_code}' \
    "$@" "$API$path") || fail "$method $path: curl failed"
  echo "$method $path -> $code"
  [ "$code" = "$expected" ] || fail "$method $path: expected HTTP $expected, got $code: $(cat "$BODY_FILE")"
}

did POST /images 201 -F "image=@$PHOTO"
SOURCE_URL=$(jq -r .url "$BODY_FILE")
[[ "$SOURCE_URL" == s3://* ]] || fail "POST /images gave no s3:// url: $(cat "$BODY_FILE")"
echo "uploaded: $SOURCE_URL"

WEBHOOK_FIELD=''
[ -n "${WEBHOOK_URL:-}" ] && WEBHOOK_FIELD="\"webhook\": \"$WEBHOOK_URL\","
did POST /talks 201 -H 'content-type: application/json' --data-binary @- <<JSON
{
  $WEBHOOK_FIELD
  "source_url": "$SOURCE_URL",
  "script": {
    "type": "text",
    $MISPLACED_STITCH
    "input": "A shell script sent this with curl and basic auth.",
    "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural"}
  },
  "config": {"stitch": false}
}
JSON
TALK_ID=$(jq -r .id "$BODY_FILE")
echo "TALK_ID=$TALK_ID"

END=$((SECONDS + DEADLINE_SECONDS))
while :; do
  did GET "/talks/$TALK_ID" 200
  STATUS=$(jq -r .status "$BODY_FILE")
  case "$STATUS" in
    done) break ;;
    error|rejected) fail "talk $TALK_ID ended in $STATUS: $(jq -c .error "$BODY_FILE")" ;;
  esac
  [ "$SECONDS" -lt "$END" ] || fail "talk $TALK_ID still $STATUS after $DEADLINE_SECONDS s"
  sleep 1
done
RESULT_URL=$(jq -r .result_url "$BODY_FILE")

# A signed link: downloaded without the key.
curl -sS -f -o "$BODY_FILE.mp4" "$RESULT_URL" || fail "downloading $RESULT_URL failed"
[ "$(head -c 8 "$BODY_FILE.mp4" | tail -c 4)" = ftyp ] || fail "the result is not an MP4"
echo "video: $(wc -c < "$BODY_FILE.mp4") bytes"

did GET "/talks?limit=25" 200
jq -e --arg id "$TALK_ID" 'any(.talks[]; .id == $id)' "$BODY_FILE" >/dev/null || fail "$TALK_ID is not in GET /talks"
echo "listed $TALK_ID"

did DELETE "/talks/$TALK_ID" 200
[ "$(jq -r .id "$BODY_FILE")" = "$TALK_ID" ] || fail "DELETE answered $(cat "$BODY_FILE")"
echo OK
