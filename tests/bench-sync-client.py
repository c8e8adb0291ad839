#!/usr/bin/env python3
# bench-sync-client.py URL HASHTAG START_UNIX DAYS DB — a plain Python client (stdlib only)
# that fetches the same Research API pages as `rally sync` (30-day windows, 100 videos a
# page, cursor + search_id) and stores them the same way (one SQLite transaction per
# page: upsert the videos and the position). Prints "videos=N seconds=S".
import json
import sqlite3
import sys
import time
import urllib.parse
import urllib.request

FIELDS = ("id,create_time,username,region_code,video_description,view_count,like_count,"
          "comment_count,share_count,favorites_count,hashtag_names")
DAY = 86400


def post(url, body, headers):
    req = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(req) as reply:
        return json.loads(reply.read())


def main():
    base, tag, start, days, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    # the same durability and indexes as Rally's workspace during a sync, so both do
    # the same work: WAL with synchronous=NORMAL (a commit survives a crash of the
    # program; a power cut can take back the last whole transactions)
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS videos (tiktok_id INTEGER NOT NULL UNIQUE, creator TEXT, region TEXT,"
               " posted_at INTEGER, description TEXT, views INTEGER, likes INTEGER, comments INTEGER,"
               " shares INTEGER)")
    for index in ("views DESC", "likes DESC", "shares DESC", "creator",
                  "posted_at, views, likes, comments, shares"):
        name = "videos_" + index.split()[0].rstrip(",")
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON videos ({index})")
    db.execute("CREATE TABLE IF NOT EXISTS position (window_start INTEGER PRIMARY KEY, cursor INTEGER,"
               " search_id TEXT, done INTEGER)")

    began = time.monotonic()
    form = urllib.parse.urlencode({"client_key": "rally-test-key", "client_secret": "rally-test-secret",
                                   "grant_type": "client_credentials"}).encode()
    token = post(base + "/v2/oauth/token/", form,
                 {"Content-Type": "application/x-www-form-urlencoded"})["access_token"]
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    url = base + "/v2/research/video/query/?fields=" + FIELDS
    stored = 0
    end_all = start + (days - 1) * DAY
    for window in range(start, end_all + 1, 30 * DAY):
        w_end = min(window + 29 * DAY, end_all)
        cursor, search_id, more = 0, None, True
        while more:
            body = {"query": {"and": [{"operation": "EQ", "field_name": "hashtag_name", "field_values": [tag]}]},
                    "start_date": time.strftime("%Y%m%d", time.gmtime(window)),
                    "end_date": time.strftime("%Y%m%d", time.gmtime(w_end)),
                    "max_count": 100, "cursor": cursor, "is_random": False}
            if search_id:
                body["search_id"] = search_id
            data = post(url, json.dumps(body).encode(), headers)["data"]
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT INTO videos VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (tiktok_id) DO UPDATE SET"
                " creator=excluded.creator, region=excluded.region, posted_at=excluded.posted_at,"
                " description=excluded.description, views=excluded.views, likes=excluded.likes,"
                " comments=excluded.comments, shares=excluded.shares",
                [(v.get("id", v.get("video_id")), v.get("username", ""), v.get("region_code", ""),
                  v.get("create_time", 0), v.get("video_description", ""), v.get("view_count", 0),
                  v.get("like_count", 0), v.get("comment_count", 0), v.get("share_count", 0))
                 for v in data.get("videos", [])])
            cursor, search_id, more = data.get("cursor", cursor), data.get("search_id"), data.get("has_more", False)
            db.execute("INSERT OR REPLACE INTO position VALUES (?,?,?,?)", (window, cursor, search_id, int(not more)))
            db.execute("COMMIT")
            stored += len(data.get("videos", []))
    seconds = time.monotonic() - began
    count = db.execute("SELECT COUNT(*) FROM videos").fetchone()[0]
    print(f"videos={count} fetched={stored} seconds={seconds:.3f}")


if __name__ == "__main__":
    main()
