"""unittest for the agent loop's HTTP half (toolrl_rollout.py) against a live server (TOOLRL_SERVER_URL).

Run by tests/ToolRL.Server.Tests. verl is not needed: the policy is scripted.
"""
import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from toolrl_client import ToolRLClient, ToolRLServerError  # noqa: E402
from toolrl_rollout import run_episode, task_of, tools_of  # noqa: E402

JAPAN = '<tool_call>{"name": "get_capital", "arguments": {"country": "Japan"}}</tool_call>'
WEATHER = '<tool_call>{"name": "get_weather", "arguments": {"city": "Tokyo"}}</tool_call>'
TASK = "test/WeatherInCapitalOfJapan"


class RecordingClient(ToolRLClient):
    """Remembers the sessions it opened and closed, to check that none is left behind."""

    def __init__(self):
        super().__init__(retries=0)
        self.opened, self.closed = [], []

    def post(self, path, body, session=None):
        result = super().post(path, body, session)
        if path == "/create_session":
            self.opened.append(result["sid"])
        if path == "/delete_session":
            self.closed.append(session)
        return result

    def assert_no_session_left(self, test):
        test.assertEqual(1, len(self.opened))
        test.assertEqual(self.opened, self.closed)
        with test.assertRaisesRegex(ToolRLServerError, "404"):
            ToolRLClient(retries=0).post("/ping", {}, session=self.opened[0])


class ScriptedPolicy:
    def __init__(self, turns, budget_after_observations=None, fail_at=None):
        self.turns = list(turns)
        self.observed = []
        self.budget_after_observations = budget_after_observations
        self.fail_at = fail_at

    async def respond(self):
        if self.fail_at is not None and len(self.observed) == self.fail_at:
            raise RuntimeError("the inference server went away")
        return self.turns.pop(0) if self.turns else None

    async def observe(self, tool_messages):
        self.observed.append(tool_messages)
        return self.budget_after_observations is None or len(self.observed) < self.budget_after_observations


def run(client, policy, **kwargs):
    return asyncio.run(run_episode(client, "test", policy.respond, policy.observe, task_id=TASK, **kwargs))


class RunEpisodeTests(unittest.TestCase):
    def test_a_solved_episode_stops_on_finished_with_the_mean_step_reward(self):
        client = RecordingClient()
        policy = ScriptedPolicy([JAPAN, WEATHER, "It is Rain 15 C.", "never sent"])
        result = run(client, policy)
        self.assertEqual([1.0, 1.0, 1.0], result.rewards)
        self.assertEqual(1.0, result.reward)
        self.assertTrue(result.finished)
        self.assertEqual("answered", result.end_reason)
        self.assertEqual(3, result.turns)
        self.assertEqual(["never sent"], policy.turns)
        self.assertEqual([[{"role": "tool", "content": "Tokyo"}]],
                         [[{k: m[k] for k in ("role", "content")} for m in ms] for ms in policy.observed[:1]])
        client.assert_no_session_left(self)

    def test_a_wrong_call_then_a_wrong_answer_average_to_the_paper_rewards(self):
        client = RecordingClient()
        result = run(client, ScriptedPolicy([WEATHER.replace("Tokyo", "Paris"), "I do not know."]))
        # The call solves nothing (0); the answer lacks the gold answer (0).
        self.assertEqual([0.0, 0.0], result.rewards)
        self.assertEqual(0.0, result.reward)
        self.assertTrue(result.finished)
        client.assert_no_session_left(self)

    def test_the_policy_running_out_of_tokens_ends_the_rollout_and_closes_the_session(self):
        client = RecordingClient()
        result = run(client, ScriptedPolicy([JAPAN]))
        self.assertEqual(([1.0], False, "budget", 1), (result.rewards, result.finished, result.end_reason, result.turns))
        client.assert_no_session_left(self)

        client = RecordingClient()
        result = run(client, ScriptedPolicy([JAPAN, WEATHER], budget_after_observations=1))
        self.assertEqual(([1.0], "budget"), (result.rewards, result.end_reason))
        client.assert_no_session_left(self)

    def test_max_turns_caps_the_assistant_turns(self):
        client = RecordingClient()
        result = run(client, ScriptedPolicy([JAPAN, WEATHER, "It is Rain 15 C."]), max_turns=2)
        self.assertEqual((2, "budget", False), (result.turns, result.end_reason, result.finished))
        client.assert_no_session_left(self)

    def test_a_failing_policy_still_closes_the_session(self):
        client = RecordingClient()
        with self.assertRaisesRegex(RuntimeError, "went away"):
            run(client, ScriptedPolicy([JAPAN, WEATHER], fail_at=1))
        client.assert_no_session_left(self)

    def test_a_cancelled_rollout_still_closes_the_session(self):
        client = RecordingClient()
        started = []

        async def respond():
            started.append(True)
            await asyncio.sleep(30)

        async def main():
            task = asyncio.ensure_future(run_episode(client, "test", respond, None, task_id=TASK))
            while not started:
                await asyncio.sleep(0.01)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task

        asyncio.run(main())
        client.assert_no_session_left(self)

    def test_an_unknown_task_is_a_clear_error_and_leaves_no_session(self):
        client = RecordingClient()
        with self.assertRaisesRegex(ToolRLServerError, "nope"):
            asyncio.run(run_episode(client, "test", None, None, task_id="nope"))
        client.assert_no_session_left(self)


class RowTests(unittest.TestCase):
    def test_the_task_and_tools_come_from_the_exported_extra_info(self):
        extra = {"environment": "test", "task_id": TASK, "tools": '[{"type": "function", "function": {"name": "f"}}]'}
        self.assertEqual(("test", TASK), task_of(extra, "toolrl/test"))
        self.assertEqual("f", tools_of(extra)[0]["function"]["name"])
        self.assertIsNone(tools_of({}))

    def test_a_row_without_a_task_id_names_what_is_missing(self):
        with self.assertRaisesRegex(ValueError, "'environment' and 'task_id'.*got keys environment"):
            task_of({"environment": "test"})


class GlueFilesTests(unittest.TestCase):
    """The verl-facing files cannot be imported here (no verl): check that they point at what exists."""

    HERE = os.path.dirname(os.path.abspath(__file__))

    def test_each_agent_loop_yaml_names_a_class_of_toolrl_agent_loop(self):
        import ast
        with open(os.path.join(self.HERE, "toolrl_agent_loop.py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
        decorated = [node.name for node in tree.body if isinstance(node, ast.ClassDef) and node.decorator_list]
        self.assertEqual([], decorated, "a @register decorator would replace the YAML entry and its kwargs")
        for name, expected in (("agent_loop.yaml", "ToolRLAgentLoop"), ("agent_loop_single_step.yaml", "ToolRLSingleStepLoop")):
            with open(os.path.join(self.HERE, name), encoding="utf-8") as f:
                text = f.read()
            self.assertIn("- name: toolrl_agent\n", text)
            self.assertIn("_target_: toolrl_agent_loop." + expected + "\n", text)
            self.assertIn(expected, classes)

    def test_the_launch_scripts_use_the_glue_files_that_exist(self):
        for script, needs in (("run_single_step.sh", ["agent_loop_single_step.yaml", "toolrl_reward.py"]),
                              ("run_multi_turn.sh", ["agent_loop.yaml"])):
            with open(os.path.join(self.HERE, "examples", script), encoding="utf-8") as f:
                text = f.read()
            self.assertIn('source "$(dirname "${BASH_SOURCE[0]}")/common.sh"', text)
            self.assertIn('"${VERL_COMMON_ARGS[@]}"', text)
            for need in needs:
                self.assertIn('"$GLUE/' + need + '"', text)
                self.assertTrue(os.path.exists(os.path.join(self.HERE, need)), need)

    def test_the_launch_scripts_expand_to_valid_hydra_arguments(self):
        # Run each script with python3 replaced by a stub that prints its arguments: every argument must be a
        # key=value override, the shared and the script's own keys all present, and no key given twice.
        import subprocess, tempfile
        with tempfile.TemporaryDirectory() as stub_dir:
            stub = os.path.join(stub_dir, "python3")
            with open(stub, "w", encoding="utf-8") as f:
                f.write('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n')
            os.chmod(stub, 0o755)
            env = dict(os.environ, PATH=stub_dir + os.pathsep + os.environ["PATH"], TOOLRL="/sdk", DATA="/data")
            for script, own in (("run_single_step.sh", "custom_reward_function.path=/sdk/integrations/verl/toolrl_reward.py"),
                                ("run_multi_turn.sh", "actor_rollout_ref.rollout.agent.agent_loop_config_path=/sdk/integrations/verl/agent_loop.yaml")):
                out = subprocess.run(["bash", os.path.join(self.HERE, "examples", script), "trainer.total_epochs=2"],
                                     env=env, capture_output=True, text=True, check=True).stdout.splitlines()
                self.assertEqual(["-m", "verl.trainer.main_ppo"], out[:2])
                overrides = out[2:]
                self.assertTrue(all("=" in a for a in overrides), overrides)
                self.assertIn("data.train_files=/data/train.parquet", overrides)
                self.assertIn(own, overrides)
                keys = [a.split("=", 1)[0] for a in overrides]
                # The caller's override comes last, so Hydra takes it over the default before it.
                self.assertEqual("trainer.total_epochs=2", overrides[-1])
                self.assertEqual(len(keys) - 1, len(set(keys)), "a key given twice besides the caller's override")


if __name__ == "__main__":
    unittest.main()
