"""verl custom reward: FTRL's step reward, computed by a ToolRL environment server.

In the verl config:
    custom_reward_function.path=integrations/verl/toolrl_reward.py
    custom_reward_function.name=compute_score          # or compute_score_async / compute_score_batch
    +custom_reward_function.reward_kwargs.server_url=http://127.0.0.1:8765

Each call posts the sampled turn and the row's recorded state (extra_info: task_id, or unsolved_set, solve_rate and
gold_answer as in FTRL's parquet rows) to /v1/score, which executes the turn's tool calls on a fresh session and
returns the paper's step reward. Standard library only: nothing but verl needs installing on the cluster.
"""
import asyncio

from toolrl_client import ToolRLClient, ToolRLServerError, score_item  # noqa: F401  (re-exported for users)

_clients = {}


def _client(server_url=None, api_key=None, timeout=60.0, retries=3):
    key = (server_url, api_key, timeout, retries)
    if key not in _clients:
        _clients[key] = ToolRLClient(server_url, api_key, timeout=timeout, retries=retries)
    return _clients[key]


def compute_score(data_source, solution_str, ground_truth, extra_info=None, server_url=None, api_key=None,
                  variant=None, timeout=60.0, retries=3, **kwargs):
    """verl's compute_score: the step reward of one sampled turn (a float)."""
    item = score_item(data_source, solution_str, ground_truth, extra_info, variant)
    result = _client(server_url, api_key, timeout, retries).score([item])[0]
    if "error" in result:
        raise ToolRLServerError(result["error"])
    return float(result["reward"])


async def compute_score_async(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """The same, for verl's async reward loop (the blocking request runs on a worker thread)."""
    return await asyncio.to_thread(compute_score, data_source, solution_str, ground_truth, extra_info, **kwargs)


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos, server_url=None, api_key=None,
                        variant=None, timeout=60.0, retries=3, **kwargs):
    """verl's batch reward manager signature: one /v1/score request for the whole batch."""
    items = [score_item(d, s, g, e, variant) for d, s, g, e in zip(data_sources, solution_strs, ground_truths, extra_infos)]
    results = _client(server_url, api_key, timeout, retries).score(items)
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        raise ToolRLServerError(f"{len(errors)} of {len(results)} turns could not be scored, e.g.: {errors[0]}")
    return [float(r["reward"]) for r in results]
