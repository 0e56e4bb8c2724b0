#!/usr/bin/env bash
# A D-ID Talks client as D-ID's docs show it in curl: `-H "Authorization: Basic $DID_API_KEY"` with the
# key as it is, the photo sent as application/octet-stream, the body built with jq, an empty
# voice_config and booleans and numbers as strings.
#
# Usage: curl_header.sh BASE_URL PHOTO DEADLINE_SECONDS
# Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
set -euo pipefail

if [ $# -ne 3 ] || [ -z "${DID_API_KEY:-}" ]; then
  echo "usage: DID_API_KEY=<key> $0 BASE_URL PHOTO DEADLINE_SECONDS" >&2
  exit 2
fi
BASE_URL="${1%/}"
PHOTO="$2"
DEADLINE_SECONDS="$3"
PART_TYPE=application/octet-stream

AUTH="Authorization: Basic $DID_API_KEY"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

die() { echo "FAILED: $*" >&2; exit 1; }

# request EXPECTED_STATUS METHOD PATH [curl arguments...]: prints the body; fails on any other status
request() {
  local expected=$1 method=$2 path=$3; shift 3
  local code
  code=$(curl -sS -o "$OUT/body.json" -w '%{http_code}' -X "$method" -H "$AUTH" -H "Accept: application/json" \
    "$@" "$BASE_URL$path") || die "$method $path: curl failed"
  echo "$method $path -> $code" >&2
  [ "$code" = "$expected" ] || die "$method $path: expected HTTP $expected, got $code: $(cat "$OUT/body.json")"
  cat "$OUT/body.json"
}

IMAGE=$(request 201 POST /images -F "image=@$PHOTO;type=$PART_TYPE")
SOURCE_URL=$(jq -r '.url' <<<"$IMAGE")
echo "image uploaded ($PART_TYPE): $SOURCE_URL"

PAYLOAD=$(jq -n --arg source "$SOURCE_URL" --arg webhook "${WEBHOOK_URL:-}" '{
  source_url: $source,
  script: {
    type: "text",
    subtitles: "false",
    ssml: "false",
    input: "Curl with the key in the header, and an empty voice config.",
    provider: {type: "microsoft", voice_id: "en-US-JennyNeural", voice_config: {}}
  },
  config: {fluent: "false", pad_audio: "0.0", stitch: "false"},
  user_data: "curl-header"
} + (if $webhook == "" then {} else {webhook: $webhook} end)')
TALK=$(request 201 POST /talks -H "Content-Type: application/json" -d "$PAYLOAD")
TALK_ID=$(jq -r '.id' <<<"$TALK")
echo "TALK_ID=$TALK_ID"

START=$(date +%s)
while true; do
  TALK=$(request 200 GET "/talks/$TALK_ID")
  STATUS=$(jq -r '.status' <<<"$TALK")
  echo "status: $STATUS"
  [ "$STATUS" = done ] && break
  if [ "$STATUS" = error ] || [ "$STATUS" = rejected ]; then
    die "the talk ended in $STATUS: $(jq -c '.error' <<<"$TALK")"
  fi
  [ $(( $(date +%s) - START )) -lt "$DEADLINE_SECONDS" ] || die "not done after $DEADLINE_SECONDS s"
  sleep 2
done

RESULT_URL=$(jq -r '.result_url' <<<"$TALK")
curl -sS --fail -o "$OUT/talk.mp4" "$RESULT_URL" || die "could not download $RESULT_URL"
MAGIC=$(dd if="$OUT/talk.mp4" bs=1 skip=4 count=4 2>/dev/null)
[ "$MAGIC" = ftyp ] || die "the download is not an MP4 (bytes 4..8: '$MAGIC')"
echo "downloaded $(stat -c %s "$OUT/talk.mp4") bytes"

LIST=$(request 200 GET "/talks?limit=15")
jq -e --arg id "$TALK_ID" '.talks | map(.id) | index($id) != null' <<<"$LIST" >/dev/null \
  || die "$TALK_ID not found in GET /talks"
echo "found $TALK_ID in the list"

DELETED=$(request 200 DELETE "/talks/$TALK_ID")
[ "$(jq -r '.id' <<<"$DELETED")" = "$TALK_ID" ] || die "DELETE answered: $DELETED"
echo "deleted $TALK_ID"
echo OK
