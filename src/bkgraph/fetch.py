"""`bkgraph fetch-vks`: download detail responses of the official VKS API (beroepskwalificaties v2).

The API needs a key from the Flemish government's education API portal. A response is saved
only after it reads as a qualification (the same importer the build uses), so a bad answer
never lands in data/.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from pathlib import Path

from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.vks_api import parse_api_document

DEFAULT_ENDPOINT = (
    "https://onderwijs.api.vlaanderen.be/kwalificaties-en-curriculum/beroepskwalificaties/v2/"
    "beroepskwalificatie/"
)


class FetchError(RuntimeError):
    pass


def fetch_one(
    code: str, endpoint: str, api_key: str, key_header: str, out: Path, timeout: float = 30
) -> Path:
    url = endpoint.rstrip("/") + "/" + code
    request = urllib.request.Request(
        url, headers={key_header: api_key, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError) as exc:
        raise FetchError(f"{url}: {exc}") from exc
    target = out / f"{code}.json"
    try:
        document = json.loads(data)
        q = parse_api_document(document, target, hashlib.sha256(data).hexdigest(), {})
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FetchError(f"{url}: the answer is not JSON: {exc}") from exc
    except DossierError as exc:
        raise FetchError(f"{url}: {exc.message}") from exc
    if q.code != code:
        raise FetchError(f"{url}: asked for {code}, the answer describes {q.code}")
    out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
