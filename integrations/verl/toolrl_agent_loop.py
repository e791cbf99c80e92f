"""verl agent loops for rows of the ToolRL export (agent_name `toolrl_agent`): multi-turn and single-step.

Coded against volcengine/verl b178a3cd56f58b2d502255daba591e92833930a7 (2026-01-29),
verl/experimental/agent_loop/agent_loop.py: AgentLoopBase(trainer_config, server_manager, tokenizer, processor,
dataset_cls, dataset_config, **kwargs), async run(sampling_params, **kwargs) -> AgentLoopOutput, the registry
filled from actor_rollout_ref.rollout.agent.agent_loop_config_path, and rows that pick their loop by the
`agent_name` column (the ToolRL export writes `toolrl_agent`).

Registration is by that YAML only, which maps the name `toolrl_agent` to one of the two classes below with its
keyword arguments (server_url, ...): agent_loop.yaml (multi-turn) or agent_loop_single_step.yaml. The classes do not
use verl's @register decorator on purpose: it runs when hydra first imports this module and would replace the YAML
entry, and with it the keyword arguments, for every later trajectory in that worker.

ToolRLSingleStepLoop is the paper's recipe: one generation from the row's prompt with the row's tools in the chat
template (verl's own single_turn_agent takes tools only from data.tool_config_path), no reward_score, so verl's
reward stage scores it with toolrl_reward.compute_score (custom_reward_function).

ToolRLAgentLoop is a thin wrapper: tokens in and out here; the session, the turns, `finished` and the reward are toolrl_rollout.py
(standard library only, tested against a live server). Each trajectory opens its own ORS session on the server
(the row's extra_info.environment and extra_info.task_id), sends one POST /{env}/turn per assistant turn, stops
when the server says `finished`, sets `reward_score` (so verl skips its reward stage) and deletes the session in
every case.

Register it with actor_rollout_ref.rollout.agent.agent_loop_config_path=integrations/verl/agent_loop.yaml (which
also passes server_url), with integrations/verl on PYTHONPATH.
"""
import os
import sys
from typing import Any
from uuid import uuid4

from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput
from verl.utils.profiler import simple_timer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from toolrl_client import ToolRLClient  # noqa: E402
from toolrl_rollout import run_episode, task_of, tools_of  # noqa: E402


class ToolRLAgentLoop(AgentLoopBase):
    def __init__(self, *args, server_url=None, api_key=None, timeout=60.0, retries=3, **kwargs):
        super().__init__(*args, **kwargs)
        rollout = self.config.actor_rollout_ref.rollout
        self.response_length = rollout.response_length
        self.max_turns = rollout.multi_turn.get("max_assistant_turns") or None
        self.client = ToolRLClient(server_url, api_key, timeout=timeout, retries=retries)

    async def run(self, sampling_params: dict[str, Any], **kwargs) -> AgentLoopOutput:
        extra_info = kwargs.get("extra_info") or {}
        environment, task_id = task_of(extra_info, kwargs.get("data_source"))
        messages = list(kwargs["raw_prompt"])
        prompt_ids = await self.apply_chat_template(messages, tools=tools_of(extra_info))
        request_id = uuid4().hex
        metrics = {}
        context = list(prompt_ids)
        response_ids, response_mask, logprobs = [], [], []

        async def respond():
            if len(response_mask) >= self.response_length:
                return None
            with simple_timer("generate_sequences", metrics):
                output = await self.server_manager.generate(
                    request_id=request_id, prompt_ids=context, sampling_params=sampling_params)
            context.extend(output.token_ids)
            response_ids.extend(output.token_ids)
            response_mask.extend([1] * len(output.token_ids))
            if output.log_probs:
                logprobs.extend(output.log_probs)
            return await self.loop.run_in_executor(
                None, lambda: self.tokenizer.decode(output.token_ids, skip_special_tokens=True))

        async def observe(tool_messages):
            ids = await self.apply_chat_template(tool_messages, remove_system_prompt=True)
            if len(response_mask) + len(ids) >= self.response_length:
                return False
            context.extend(ids)
            response_ids.extend(ids)
            response_mask.extend([0] * len(ids))
            if logprobs:
                logprobs.extend([0.0] * len(ids))
            return True

        with simple_timer("tool_calls", metrics):
            result = await run_episode(self.client, environment, respond, observe, task_id=task_id,
                                       max_turns=self.max_turns)
        metrics.setdefault("num_preempted", -1)
        return AgentLoopOutput(
            prompt_ids=prompt_ids,
            response_ids=response_ids[: self.response_length],
            response_mask=response_mask[: self.response_length],
            response_logprobs=logprobs[: self.response_length] if logprobs else None,
            reward_score=result.reward,
            num_turns=2 * result.turns + 1,
            metrics=metrics,
            extra_fields={"turn_scores": result.rewards, "end_reason": result.end_reason},
        )


class ToolRLSingleStepLoop(AgentLoopBase):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.response_length = self.config.actor_rollout_ref.rollout.response_length

    async def run(self, sampling_params: dict[str, Any], **kwargs) -> AgentLoopOutput:
        messages = list(kwargs["raw_prompt"])
        prompt_ids = await self.apply_chat_template(messages, tools=tools_of(kwargs.get("extra_info")))
        metrics = {}
        with simple_timer("generate_sequences", metrics):
            output = await self.server_manager.generate(
                request_id=uuid4().hex, prompt_ids=prompt_ids, sampling_params=sampling_params)
        metrics["num_preempted"] = output.num_preempted if output.num_preempted is not None else -1
        return AgentLoopOutput(
            prompt_ids=prompt_ids,
            response_ids=output.token_ids[: self.response_length],
            response_mask=[1] * len(output.token_ids[: self.response_length]),
            response_logprobs=output.log_probs[: self.response_length] if output.log_probs else None,
            num_turns=2,
            metrics=metrics,
        )
