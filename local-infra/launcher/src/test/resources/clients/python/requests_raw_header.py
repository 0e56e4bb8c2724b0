#!/usr/bin/python3
"""A D-ID Talks client as D-ID's own docs write it: `requests` with the key sent as it is,
`Authorization: Basic <user>:<password>`, a JSON body serialised by hand, and the photo uploaded as
`application/octet-stream`. Also reads GET /credits and GET /tts/voices.

Usage: requests_raw_header.py BASE_URL PHOTO DEADLINE_SECONDS
Env:   DID_API_KEY (required), WEBHOOK_URL (optional)
"""
import json
import os
import sys
import time

import requests


def fail(message):
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(resp, status, what):
    if resp.status_code != status:
        fail(f"{what}: expected HTTP {status}, got {resp.status_code}: {resp.text}")
    print(f"{what} -> {resp.status_code}")
    return resp.json()


def main():
    if len(sys.argv) != 4:
        fail(__doc__)
    url, photo, deadline_s = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
    api_key = os.environ.get("DID_API_KEY") or fail("DID_API_KEY is not set")
    webhook = os.environ.get("WEBHOOK_URL")
    part_type = "application/octet-stream"

    headers = {
        "accept": "application/json",
        "content-type": "application/json",
        "authorization": f"Basic {api_key}",
    }

    credits = check(requests.get(f"{url}/credits", headers=headers), 200, "GET /credits")
    if not isinstance(credits.get("remaining"), int) or credits["remaining"] < 1:
        fail(f"GET /credits leaves no credit to create a talk with: {credits}")
    print(f"credits: {credits['remaining']} of {credits['total']} left")

    voices = check(requests.get(f"{url}/tts/voices", headers=headers), 200, "GET /tts/voices")
    if not isinstance(voices, list) or not voices or "id" not in voices[0]:
        fail(f"GET /tts/voices is not a list of voices: {str(voices)[:300]}")
    jenny = [v for v in voices if v.get("name") == "Jenny" and v.get("provider") == "microsoft"]
    if not jenny or jenny[0].get("gender") != "Female" or jenny[0].get("locale") != "en-US":
        fail(f"GET /tts/voices has no microsoft Jenny with gender and locale: {jenny}")
    print(f"{len(voices)} voices, e.g. {voices[0]['id']} ({voices[0].get('name')})")

    upload_headers = {"accept": "application/json", "authorization": f"Basic {api_key}"}
    with open(photo, "rb") as f:
        files = {"image": (os.path.basename(photo), f, part_type)}
        image = check(requests.post(f"{url}/images", files=files, headers=upload_headers), 201,
                      f"POST /images ({part_type})")
    print(f"source_url: {image['url']}")

    payload = {
        "script": {
            "type": "text",
            "input": "This talk was made by a Python client that sends the raw key.",
            "provider": {"type": "microsoft", "voice_id": "en-US-GuyNeural"},
        },
        "source_url": image["url"],
        "persist": True,  # a legacy top-level field
        "user_data": "requests-raw-header",
    }
    if webhook:
        payload["webhook"] = webhook
    created = check(requests.post(f"{url}/talks", data=json.dumps(payload), headers=headers), 201, "POST /talks")
    talk_id = created["id"]
    print(f"TALK_ID={talk_id}")

    started = time.time()
    while True:
        talk = check(requests.get(f"{url}/talks/{talk_id}", headers=headers), 200, f"GET /talks/{talk_id}")
        print(f"  status: {talk['status']}")
        if talk["status"] == "done":
            break
        if talk["status"] in ("error", "rejected"):
            fail(f"the talk failed: {json.dumps(talk.get('error'))}")
        if time.time() - started > deadline_s:
            fail(f"not done after {deadline_s} s (status {talk['status']})")
        time.sleep(2)
    if talk.get("user_data") != "requests-raw-header":
        fail(f"user_data was not kept: {talk.get('user_data')!r}")

    r = requests.get(talk["result_url"])
    if r.status_code != 200 or r.content[4:8] != b"ftyp":
        fail(f"result_url did not give an MP4: HTTP {r.status_code}, first bytes {r.content[:12]!r}")
    with open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"{talk_id}.mp4"), "wb") as out:
        out.write(r.content)
    print(f"saved {out.name} ({len(r.content)} bytes)")

    talks, token = [], None
    while True:  # every page, the way a cleanup script walks them
        params = {"limit": 5}
        if token:
            params["token"] = token
        page = check(requests.get(f"{url}/talks", params=params, headers=headers), 200, "GET /talks?limit=5")
        talks += page["talks"]
        token = page.get("token")
        if not token or any(t["id"] == talk_id for t in talks):
            break
    if talk_id not in [t["id"] for t in talks]:
        fail(f"{talk_id} is missing from GET /talks")
    print(f"listed {talk_id}")

    deleted = check(requests.delete(f"{url}/talks/{talk_id}", headers=headers), 200, "DELETE /talks")
    if deleted["id"] != talk_id:
        fail(f"DELETE returned {deleted}")
    os.remove(out.name)
    print("OK")


if __name__ == "__main__":
    main()
