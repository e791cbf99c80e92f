"""One online multi-turn rollout against a ToolRL environment server. Python standard library only.

The engine-independent half of the verl agent loop (toolrl_agent_loop.py is the thin verl wrapper): a session per
trajectory, one whole-turn request (POST /{env}/turn) per assistant turn, stop on `finished`, the session closed in
every case (finished, out of budget, or an exception, cancellation included). The policy is two async callbacks, so
this module can be tested with a scripted policy and no verl installed.

Trajectory reward: the mean of the turns' step rewards (the paper's per-turn reward, FTRL's `compute_solve_*`), so
it stays on the paper's scale (-0.5 .. 1) whatever the number of turns; the per-turn rewards come back too.
"""
import asyncio
import json


class RolloutResult:
    """What one rollout produced."""

    def __init__(self, rewards, finished, end_reason, turns):
        self.rewards = rewards          # the step reward of each assistant turn the server scored
        self.finished = finished        # the server ended the episode (final answer, or its turn limit)
        self.end_reason = end_reason    # the server's end_reason, or "budget" when the policy ran out first
        self.turns = turns              # assistant turns sent

    @property
    def reward(self):
        """The trajectory's reward: the mean step reward (0.0 when no turn was scored)."""
        return sum(self.rewards) / len(self.rewards) if self.rewards else 0.0


def task_of(extra_info, data_source=None):
    """(environment, task_id) from a row of the ToolRL export (extra_info.environment and extra_info.task_id)."""
    extra = extra_info or {}
    if isinstance(extra, str):
        extra = json.loads(extra)
    environment = extra.get("environment") or data_source
    task_id = extra.get("task_id")
    if not environment or not task_id:
        raise ValueError("the row's extra_info needs 'environment' and 'task_id' (as `export` writes them); got keys "
                         + ", ".join(sorted(extra)))
    return environment, task_id


def tools_of(extra_info):
    """The row's OpenAI tool documents (extra_info.tools, JSON text in the export), for the chat template."""
    tools = (extra_info or {}).get("tools")
    if tools is None:
        return None
    return json.loads(tools) if isinstance(tools, str) else list(tools)


async def run_episode(client, environment, respond, observe, task_id=None, split=None, index=None, max_turns=None):
    """Runs one episode.

    respond() -> str or None: the next assistant turn's raw text, or None when the policy's budget is spent.
    observe(tool_messages) -> bool: appends the server's tool messages to the policy's context; False when that
    spent the budget. max_turns caps the assistant turns on the client side (the server has its own --max-turns).
    """
    episode = client.episode(environment, task_id=task_id, split=split, index=index)
    await asyncio.to_thread(episode.__enter__)
    rewards, end_reason, turns = [], None, 0
    try:
        while max_turns is None or turns < max_turns:
            text = await respond()
            if text is None:
                end_reason = "budget"
                break
            turns += 1
            result = await asyncio.to_thread(episode.turn, text)
            rewards.append(float(result["reward"]))
            if result["finished"]:
                end_reason = result.get("end_reason") or "finished"
                break
            if not await observe(result.get("tool_messages") or []):
                end_reason = "budget"
                break
        else:
            end_reason = "budget"
        return RolloutResult(rewards, episode.finished, end_reason, turns)
    finally:
        # Shielded so that a cancelled rollout still frees its session on the server.
        await asyncio.shield(asyncio.to_thread(episode.close))
