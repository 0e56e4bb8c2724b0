#!/usr/bin/python3
"""A D-ID Talks client the way many Python projects write one: `requests` with
HTTPBasicAuth(api_key, ""), i.e. `Authorization: Basic base64(<key>:)` (the key, then an empty password).

Usage: requests_basic_auth.py BASE_URL PHOTO DEADLINE_SECONDS
Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
"""
import os
import sys
import time

import requests
from requests.auth import HTTPBasicAuth


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def expect(resp, status, what):
    if resp.status_code != status:
        fail(f"{what}: expected HTTP {status}, got {resp.status_code}: {resp.text}")
    print(f"{what} -> {resp.status_code}")
    return resp.json() if resp.content else None


def main():
    if len(sys.argv) != 4:
        fail(__doc__)
    base_url, photo, deadline_s = sys.argv[1].rstrip("/"), sys.argv[2], float(sys.argv[3])
    api_key = os.environ.get("DID_API_KEY") or fail("DID_API_KEY is not set")
    webhook = os.environ.get("WEBHOOK_URL")

    session = requests.Session()
    session.auth = HTTPBasicAuth(api_key, "")
    session.headers.update({"accept": "application/json"})

    with open(photo, "rb") as f:
        image = expect(session.post(f"{base_url}/images",
                                    files={"image": (os.path.basename(photo), f, "image/png")}),
                       201, "POST /images")
    source_url = image["url"]
    if not source_url.startswith("s3://"):
        fail(f"POST /images returned a url that is not s3://: {image}")
    print(f"uploaded {photo} as {source_url}")

    script = {
        "type": "text",
        "input": "Hello! I am a Python client, using requests with basic auth.",
        "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural", "voice_config": {}},
    }
    script["stitch"] = True  # misplaced (it belongs in config); D-ID ignores it
    payload = {"source_url": source_url, "script": script, "config": {"fluent": False}}
    if webhook:
        payload["webhook"] = webhook
    talk = expect(session.post(f"{base_url}/talks", json=payload), 201, "POST /talks")
    talk_id = talk["id"]
    print(f"TALK_ID={talk_id}")
    if talk.get("status") != "created":
        fail(f"a new talk should be 'created': {talk}")

    deadline = time.monotonic() + deadline_s
    while True:
        resp = session.get(f"{base_url}/talks/{talk_id}")
        if resp.status_code != 200:
            fail(f"GET /talks/{talk_id}: HTTP {resp.status_code}: {resp.text}")
        talk = resp.json()
        status = talk.get("status")
        if status == "done":
            break
        if status in ("error", "rejected"):
            fail(f"talk {talk_id} ended in {status}: {talk.get('error')}")
        if time.monotonic() > deadline:
            fail(f"talk {talk_id} is still '{status}' after {deadline_s:.0f} s")
        time.sleep(1)
    print(f"GET /talks/{talk_id} -> done, duration {talk.get('duration')} s")

    video = requests.get(talk["result_url"], timeout=30)  # a signed link: no key
    if video.status_code != 200:
        fail(f"downloading result_url: HTTP {video.status_code}: {video.text[:300]}")
    if video.content[4:8] != b"ftyp":
        fail(f"result_url is not an MP4 (first bytes {video.content[:12]!r})")
    print(f"downloaded the video: {len(video.content)} bytes")

    listing = expect(session.get(f"{base_url}/talks", params={"limit": 50}), 200, "GET /talks?limit=50")
    if not any(t["id"] == talk_id for t in listing["talks"]):
        fail(f"{talk_id} is not in GET /talks: {[t['id'] for t in listing['talks']]}")
    print(f"found {talk_id} among {len(listing['talks'])} talks")

    deleted = expect(session.delete(f"{base_url}/talks/{talk_id}"), 200, f"DELETE /talks/{talk_id}")
    if deleted.get("id") != talk_id:
        fail(f"DELETE answered another talk: {deleted}")
    print("OK")


if __name__ == "__main__":
    main()
