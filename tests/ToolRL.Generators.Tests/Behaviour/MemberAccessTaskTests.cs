using GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using static GeneratorTests.Diagnostics.DiagnosticAssert;

namespace GeneratorTests.Behaviour;

/// <summary>
/// A hop through a property of a record result (issue 17 §10): <c>d.CancelBooking(d.BookRoom(…).BookingId)</c> is a
/// dependency, and a call consumed only through one property has that property's rendered value as its sub-answer.
/// </summary>
public class MemberAccessTaskTests
{
    private const string Hotel = """
        using System.Linq;
        using ToolRL;
        using ToolRL.Environments;

        namespace Hotel;

        /// <summary>A room.</summary>
        /// <param name="Number">Room number.</param>
        /// <param name="Floor">Floor.</param>
        public sealed record Room(int Number, int Floor);

        /// <summary>A booking.</summary>
        /// <param name="BookingId">Its id.</param>
        /// <param name="Guest">Who booked.</param>
        /// <param name="Room">The room.</param>
        public sealed record Booking(string BookingId, string Guest, Room Room);

        /// <summary>Hotel desk.</summary>
        [Scenario("hotel")]
        public interface IHotel
        {
            /// <summary>Books a room and returns the booking.</summary>
            /// <param name="guest">Guest name.</param>
            [Tool]
            Booking BookRoom(string guest);

            /// <summary>Cancels a booking and says so.</summary>
            /// <param name="bookingId">The booking's id.</param>
            [Tool]
            string CancelBooking(string bookingId);

            /// <summary>Says which floor a room is on.</summary>
            /// <param name="number">Room number.</param>
            [Tool]
            int FloorOf(int number);
        }

        internal sealed class Desk : IHotel
        {
            private int _next;
            public Booking BookRoom(string guest) => new("BK-" + ++_next, guest, new Room(100 + _next, 1));
            public string CancelBooking(string bookingId) => bookingId.StartsWith("BK-") ? "Cancelled " + bookingId : "No such booking";
            public int FloorOf(int number) => number / 100;
        }

        public static class HotelTasks
        {
            [Task("Book a room for Ada and cancel it again.")]
            internal static string BookAndCancel(IHotel d) => d.CancelBooking(d.BookRoom("Ada").BookingId);

            [Task("Book a room for Bo: which floor is it on?")]
            internal static int FloorOfNewRoom(IHotel d)
            {
                var booking = d.BookRoom("Bo");
                return d.FloorOf(booking.Room.Number);
            }

            [Task("Book a room for Cy, show the booking and cancel it.")]
            internal static (Booking, string) BookShowAndCancel(IHotel d)
            {
                var booking = d.BookRoom("Cy");
                return (booking, d.CancelBooking(booking.BookingId));
            }

            [Task("What is the id of a new booking for Di?")]
            internal static string NewBookingId(IHotel d) => d.BookRoom("Di").BookingId;
        }

        public static class Probe
        {
            private static ToolEnvironment<IHotel> Environment => new(HotelScenario.Instance, () => new Desk());

            public static string Graph(string id) => string.Join(" ", HotelScenario.Instance.Tasks.Single(t => t.Id == id).Calls
                .Select(c => $"{c.Index}:{c.ToolName}<[{string.Join(",", c.DependsOn)}]{(c.SubAnswerMember is null ? "" : "." + c.SubAnswerMember)}"));

            /// <summary>Replays the golden calls in a session: how many sub-questions their whole outputs solve.</summary>
            public static string Replayed(string id)
            {
                var task = Environment.Tasks.Single(t => t.Id == id);
                using var session = Environment.OpenSession();
                var unsolved = task.NewUnsolvedSet();
                foreach (var q in task.SubQuestions)
                {
                    var result = session.ExecuteAsync(new ToolRL.Tools.ToolCall(q.ToolName, q.ArgumentsJson)).AsTask().GetAwaiter().GetResult();
                    unsolved.TrySolve(q.ToolName, result.Text);
                }
                return unsolved.Solved + "/" + unsolved.Total;
            }

            public static string Loaded(string id)
            {
                var task = Environment.Tasks.Single(t => t.Id == id);
                return task.Structure + " | " + string.Join(" | ", task.SubQuestions.Select(q => $"{q.ToolName}{q.ArgumentsJson}={q.Answer}")) + " | " + task.FinalAnswer;
            }
        }
        """;

    private static readonly Lazy<Loaded> Compiled = new(() => Loaded.Compile("Hotel.Probe", [Hotel]));

    [Theory]
    [InlineData("hotel/HotelTasks.BookAndCancel", "0:book_room<[].BookingId 1:cancel_booking<[0]")]
    [InlineData("hotel/HotelTasks.FloorOfNewRoom", "0:book_room<[].Room.Number 1:floor_of<[0]")]
    [InlineData("hotel/HotelTasks.BookShowAndCancel", "0:book_room<[] 1:cancel_booking<[0]")]
    [InlineData("hotel/HotelTasks.NewBookingId", "0:book_room<[].BookingId")]
    public void A_property_of_a_result_is_a_hop_and_names_the_sub_answer_when_it_is_the_only_use(string id, string graph) =>
        Assert.Equal(graph, Compiled.Value.Call<string>("Graph", id));

    [Theory]
    [InlineData("hotel/HotelTasks.BookAndCancel", "MultiHop | book_room{\"guest\":\"Ada\"}=BK-1 | cancel_booking{\"bookingId\":\"BK-1\"}=Cancelled BK-1 | Cancelled BK-1")]
    [InlineData("hotel/HotelTasks.FloorOfNewRoom", "MultiHop | book_room{\"guest\":\"Bo\"}=101 | floor_of{\"number\":101}=1 | 1")]
    // Used whole as well: the sub-answer stays the whole rendered output.
    [InlineData("hotel/HotelTasks.BookShowAndCancel", "MultiHop | book_room{\"guest\":\"Cy\"}={\"bookingId\":\"BK-1\",\"guest\":\"Cy\",\"room\":{\"number\":101,\"floor\":1}} | cancel_booking{\"bookingId\":\"BK-1\"}=Cancelled BK-1 | {\"bookingId\":\"BK-1\",\"guest\":\"Cy\",\"room\":{\"number\":101,\"floor\":1}}, Cancelled BK-1")]
    [InlineData("hotel/HotelTasks.NewBookingId", "SingleHop | book_room{\"guest\":\"Di\"}=BK-1 | BK-1")]
    public void At_load_the_sub_answer_is_the_rendered_member_and_the_chain_runs_through_it(string id, string loaded) =>
        Assert.Equal(loaded, Compiled.Value.Call<string>("Loaded", id));

    [Theory]
    [InlineData("hotel/HotelTasks.BookAndCancel")]
    [InlineData("hotel/HotelTasks.FloorOfNewRoom")]
    public void The_tools_whole_output_solves_a_member_sub_answer_in_an_episode(string id) =>
        Assert.Equal("2/2", Compiled.Value.Call<string>("Replayed", id));

    private static string HotelSpec(string task) => Scenario("""
            /// <summary>Books a room.</summary>
            /// <param name="guest">Guest.</param>
            [Tool]
            Booking BookRoom(string guest);

            /// <summary>Returns the capital of a country.</summary>
            /// <param name="country">Country.</param>
            [Tool]
            string GetCapital(string country);
        """, extra: $$"""
        /// <summary>A booking.</summary>
        /// <param name="BookingId">Its id.</param>
        public sealed record Booking(string BookingId)
        {
            /// <summary>Not a property of the JSON shape.</summary>
            public static string Prefix => "BK";
        }

        public static class Tasks
        {
            [Task("Question?")]
            {{task}}
        }
        """);

    [Theory]
    [InlineData("static int Capital(ISpec t) => t.GetCapital(\"Japan\").Length;", "t.GetCapital(\"Japan\").Length", "'Length' is not a property of the tool's record result")]
    [InlineData("static string Both(ISpec t) => (t.BookRoom(\"a\"), t.BookRoom(\"b\")).Item1.BookingId;", "(t.BookRoom(\"a\"), t.BookRoom(\"b\")).Item1", "a member may be read only from one tool call's result")]
    [InlineData("static string Made(ISpec t) => t.GetCapital(new Booking(\"x\").BookingId);", "new Booking(\"x\").BookingId", "a member may be read only from one tool call's result")]
    public void Other_member_access_is_still_TRL021(string task, string located, string what) =>
        Single(HotelSpec(task), "TRL021", DiagnosticSeverity.Error, located, what);
}
