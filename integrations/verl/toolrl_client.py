"""HTTP client for a ToolRL environment server (`dotnet run -- serve`). Python standard library only.

Everything that talks HTTP lives here, so it can be tested without verl installed; toolrl_reward.py is the thin
verl-facing wrapper. The server's API is described in the repository README, section "Environment server".
"""
import json
import os
import time
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8765"


class ToolRLServerError(RuntimeError):
    """The server could not be reached, or refused the request (the message says why)."""


class ToolRLClient:
    def __init__(self, url=None, api_key=None, timeout=60.0, retries=3, backoff=0.5):
        self.url = (url or os.environ.get("TOOLRL_SERVER_URL") or DEFAULT_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("TOOLRL_API_KEY")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def post(self, path, body, session=None):
        """POSTs JSON and returns the parsed JSON answer. Retries connection failures and 5xx/503 answers."""
        data = json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        if session:
            headers["X-Session-ID"] = session
        last = None
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(self.url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as e:
                detail = _detail(e)
                if e.code < 500:
                    raise ToolRLServerError(f"{self.url}{path} refused the request ({e.code}): {detail}") from None
                last = f"{e.code}: {detail}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as e:
                last = str(getattr(e, "reason", e))
            if attempt < self.retries:
                time.sleep(self.backoff * (2 ** attempt))
        raise ToolRLServerError(
            f"cannot reach the ToolRL environment server at {self.url} after {self.retries + 1} attempts ({last}); "
            "start it next to the trainer with `dotnet run --project <your environment project> -- serve`, "
            "or set TOOLRL_SERVER_URL")

    def episode(self, environment, task_id=None, split=None, index=None):
        """An ORS session with one episode, for whole-turn rollouts: `with client.episode(...) as e: e.turn(text)`."""
        return ToolRLEpisode(self, environment, task_id, split, index)

    def score(self, items):
        """Scores step-record items in one request; returns one result dict per item, in order."""
        return self.post("/v1/score", {"items": list(items)})["results"]


class ToolRLEpisode:
    """One episode on the server: a session per trajectory, one POST /{env}/turn per assistant turn, closed in every case."""

    def __init__(self, client, environment, task_id=None, split=None, index=None):
        self.client = client
        self.environment = environment
        self.create = {"env_name": environment}
        if task_id is not None:
            self.create["task_spec"] = {"id": task_id}
        else:
            self.create.update({"split": split or "train", "index": int(index or 0)})
        self.sid = None
        self.prompt = None
        self.finished = False
        self.rewards = []

    def __enter__(self):
        self.sid = self.client.post("/create_session", {})["sid"]
        try:
            self.client.post("/create", self.create, session=self.sid)
        except BaseException:
            self.close()
            raise
        return self

    def turn(self, response=None, content=None, tool_calls=None):
        """Sends one assistant turn (raw text, or OpenAI-style content + tool_calls); returns the server's answer."""
        body = {"response": response} if response is not None else {"content": content, "tool_calls": tool_calls or []}
        result = self.client.post(f"/{self.environment}/turn", body, session=self.sid)
        self.rewards.append(result["reward"])
        self.finished = result["finished"]
        return result

    def close(self):
        if self.sid is not None:
            try:
                self.client.post("/delete_session", {}, session=self.sid)
            except ToolRLServerError:
                pass  # expired or already gone: nothing left to free
            self.sid = None

    def __exit__(self, *exc):
        self.close()


def score_item(data_source, solution_str, ground_truth, extra_info=None, variant=None):
    """The /v1/score item for one verl sample: the environment, the recorded state and the sampled turn."""
    extra = dict(extra_info or {})
    item = {"environment": extra.get("environment") or data_source, "response": solution_str}
    state = extra.get("step_state") or extra
    for key in ("task_id", "unsolved_set", "solve_rate", "gold_answer"):
        if state.get(key) is not None:
            item[key] = state[key]
    if isinstance(item.get("unsolved_set"), str):  # the ToolRL export stores it as JSON text (its shape varies by task)
        item["unsolved_set"] = json.loads(item["unsolved_set"])
    if "task_id" not in item and extra.get("task_id") is not None:
        item["task_id"] = extra["task_id"]
    if "gold_answer" not in item and isinstance(ground_truth, str):
        item["gold_answer"] = ground_truth
    if "unsolved_set" in item and "gold_answer" in item:
        # The recorded state is complete: score at it, not at the task's start. Composed tasks of an export are not
        # tasks the server holds, so their id must not be looked up.
        item.pop("task_id", None)
    if variant:
        item["variant"] = variant
    return item


def _detail(error):
    try:
        return json.loads(error.read().decode("utf-8")).get("detail", "")
    except Exception:
        return error.reason
