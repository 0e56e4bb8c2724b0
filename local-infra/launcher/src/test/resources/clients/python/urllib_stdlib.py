#!/usr/bin/python3
"""A dependency-free D-ID Talks client: only the standard library (`urllib.request`), with RFC 7617
basic auth, `Authorization: Basic base64(<key>)`, a hand-built multipart upload, and a body whose
booleans and numbers are strings, as form-driven clients send them.

Usage: urllib_stdlib.py BASE_URL PHOTO DEADLINE_SECONDS
Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
"""
import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


class ApiError(Exception):
    pass


def call(method, url, auth, body=None, content_type="application/json"):
    """Sends one request; returns (status, parsed JSON or None). HTTP errors are answers too."""
    headers = {"Authorization": auth, "Accept": "application/json"}
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            raw = resp.read()
            status = resp.status
    except urllib.error.HTTPError as e:
        raw = e.read()
        status = e.code
    print(f"{method} {urllib.parse.urlsplit(url).path} -> {status}")
    return status, (json.loads(raw) if raw else None), raw


def expect(result, status, what):
    got, parsed, raw = result
    if got != status:
        raise ApiError(f"{what}: expected HTTP {status}, got {got}: {raw.decode('utf-8', 'replace')}")
    return parsed


def multipart(field, path, content_type):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        content = f.read()
    body = (f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{os.path.basename(path)}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def run(api, photo, deadline_s, key, webhook):
    auth = "Basic " + base64.b64encode(key.encode("utf-8")).decode("ascii")

    body, content_type = multipart("image", photo, "image/png")
    image = expect(call("POST", f"{api}/images", auth, body, content_type), 201, "POST /images")
    print(f"  image {image['id']} at {image['url']}")

    talk_request = {
        "source_url": image["url"],
        "script": {
            "type": "text",
            "ssml": "false",
            "input": "Only the standard library was used to make this video.",
            "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural"},
        },
        "config": {"pad_audio": "0.0", "fluent": "false"},
        "persist": True,
        "name": "urllib-stdlib",
    }
    if webhook:
        talk_request["webhook"] = webhook
    created = expect(call("POST", f"{api}/talks", auth, talk_request), 201, "POST /talks")
    talk_id = created["id"]
    print(f"TALK_ID={talk_id}")

    deadline = time.monotonic() + deadline_s
    while True:
        talk = expect(call("GET", f"{api}/talks/{talk_id}", auth), 200, "GET /talks/{id}")
        if talk["status"] == "done":
            break
        if talk["status"] in ("error", "rejected"):
            raise ApiError(f"talk {talk_id} is {talk['status']}: {talk.get('error')}")
        if time.monotonic() > deadline:
            raise ApiError(f"talk {talk_id} not done within {deadline_s} s: {talk['status']}")
        time.sleep(1.5)
    if talk.get("config", {}).get("pad_audio") != 0:
        raise ApiError(f"pad_audio '0.0' should read as 0: {talk.get('config')}")

    with urllib.request.urlopen(talk["result_url"], timeout=30) as resp:  # signed: no Authorization
        video = resp.read()
    if video[4:8] != b"ftyp":
        raise ApiError(f"the result is not an MP4: {video[:12]!r}")
    print(f"  result: {len(video)} bytes of MP4")

    listing = expect(call("GET", f"{api}/talks?limit=25", auth), 200, "GET /talks")
    if talk_id not in {t["id"] for t in listing["talks"]}:
        raise ApiError(f"{talk_id} not listed")

    deleted = expect(call("DELETE", f"{api}/talks/{talk_id}", auth), 200, "DELETE /talks/{id}")
    if deleted["id"] != talk_id:
        raise ApiError(f"DELETE answered {deleted}")


def main():
    if len(sys.argv) != 4 or not os.environ.get("DID_API_KEY"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        run(sys.argv[1].rstrip("/"), sys.argv[2], float(sys.argv[3]), os.environ["DID_API_KEY"],
            os.environ.get("WEBHOOK_URL"))
    except (ApiError, urllib.error.URLError, OSError, KeyError, ValueError) as e:
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
