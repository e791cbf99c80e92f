"""unittest for the verl glue against a live server (TOOLRL_SERVER_URL). Run by tests/ToolRL.Server.Tests."""
import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toolrl_reward  # noqa: E402
from toolrl_client import ToolRLClient, ToolRLServerError  # noqa: E402

CALL = '<tool_call>\n{"name": "get_capital", "arguments": {"country": "France"}}\n</tool_call>'
TASK = {"task_id": "test/CapitalOfFrance"}


class ComputeScoreTests(unittest.TestCase):
    def test_a_solving_call_scores_one(self):
        self.assertEqual(1.0, toolrl_reward.compute_score("test", CALL, "Paris", TASK))

    def test_the_final_answer_and_a_malformed_call(self):
        self.assertEqual(1.0, toolrl_reward.compute_score("test", "The capital is Paris.", "Paris",
                                                          {"unsolved_set": {}, "solve_rate": 1.0}))
        self.assertEqual(-0.3, toolrl_reward.compute_score("test", "<tool_call>{oops</tool_call>", "Paris", TASK))

    def test_an_ftrl_step_record_state_in_extra_info(self):
        state = {"unsolved_set": {"get_capital": ["Tokyo"]}, "solve_rate": 0.5, "gold_answer": "Tokyo"}
        self.assertEqual(0.0, toolrl_reward.compute_score("test", CALL, "Tokyo", {"step_state": state}))

    def test_an_exported_rows_extra_info_as_verl_passes_it(self):
        # What `export` writes: the environment apart from data_source, the unsolved set as JSON text.
        extra = {"environment": "test", "task_id": "test/CapitalOfFrance", "unsolved_set": '{"get_capital": ["Tokyo"]}',
                 "solve_rate": 0.0, "gold_answer": "Tokyo", "tools": "[]"}
        self.assertEqual(0.0, toolrl_reward.compute_score("toolrl/test", CALL, "Tokyo", extra))
        self.assertEqual(1.0, toolrl_reward.compute_score("toolrl/test", CALL.replace("France", "Japan"), "Tokyo", extra))
        # A composed task's id is unknown to the server: the row's recorded state is what gets scored.
        composed = dict(extra, task_id="test/composed/ParallelSingleHop-0042")
        self.assertEqual(1.0, toolrl_reward.compute_score("toolrl/test", CALL.replace("France", "Japan"), "Tokyo", composed))

    def test_async_and_batch(self):
        self.assertEqual(1.0, asyncio.run(toolrl_reward.compute_score_async("test", CALL, "Paris", TASK)))
        scores = toolrl_reward.compute_score_batch(["test"] * 3, [CALL, "", "Paris"], ["Paris"] * 3, [TASK] * 3, variant="f1")
        # The answer with the task's one sub-question still unsolved: 1/(1+1).
        self.assertEqual([1.0, -0.5, 0.5], scores)

    def test_a_refused_request_names_the_field(self):
        with self.assertRaisesRegex(ToolRLServerError, "unknown environment 'nowhere'"):
            toolrl_reward.compute_score("nowhere", CALL, "Paris", TASK)

    def test_a_whole_turn_episode_runs_until_finished_and_closes_its_session(self):
        client = ToolRLClient()
        with client.episode("test", task_id="test/WeatherInCapitalOfJapan") as episode:
            first = episode.turn(response='<tool_call>{"name": "get_capital", "arguments": {"country": "Japan"}}</tool_call>')
            self.assertEqual("Tokyo", first["tool_messages"][0]["content"])
            self.assertFalse(episode.finished)
            episode.turn(content=None, tool_calls=[{"id": "c1", "function": {"name": "get_weather", "arguments": '{"city": "Tokyo"}'}}])
            last = episode.turn(response="It is Rain 15 C.")
            self.assertTrue(episode.finished)
            self.assertEqual([1.0, 1.0, 1.0], episode.rewards)
            self.assertEqual("answered", last["end_reason"])
            sid = episode.sid
        with self.assertRaisesRegex(ToolRLServerError, "404"):
            client.post("/ping", {}, session=sid)

    def test_an_unreachable_server_is_a_clear_error(self):
        client = ToolRLClient("http://127.0.0.1:9", retries=1, backoff=0.01, timeout=2)
        with self.assertRaisesRegex(ToolRLServerError, "cannot reach the ToolRL environment server at http://127.0.0.1:9"):
            client.score([{"environment": "test"}])


if __name__ == "__main__":
    unittest.main()
