"""Seed the four pillars of a customer culture and the ritual library (edit both in the admin).

Each ritual is a small, repeated habit with a clear purpose, a rhythm, the people who take
part, the steps, what it needs and the signal that tells you it works.
"""

from django.db import migrations
from django.utils.translation import gettext_noop

PILLARS = [
    {
        "slug": "stories",
        "name": gettext_noop("Sharing customer stories"),
        "description": gettext_noop(
            "Real customers, told by name and in detail, keep every team's attention "
            "on the people it works for. Stories travel further than dashboards."
        ),
    },
    {
        "slug": "listening",
        "name": gettext_noop("Listening to customers"),
        "description": gettext_noop(
            "Everyone, from the front line to the board, hears customers first hand "
            "and as often as possible, not only through reports and averages."
        ),
    },
    {
        "slug": "responsibility",
        "name": gettext_noop("Shared responsibility"),
        "description": gettext_noop(
            "Doing the best for customers is everyone's job, and one C-level "
            "function owns it, so it has a voice, a budget and a seat where decisions are made."
        ),
    },
    {
        "slug": "way-of-working",
        "name": gettext_noop("A customer-centred way of working"),
        "description": gettext_noop(
            "Design thinking as the everyday way of working: customer goals and "
            "metrics are where every piece of work starts and how it is judged at the end."
        ),
    },
]

W, F, M, Q, Y, D = "weekly", "fortnightly", "monthly", "quarterly", "yearly", "daily"


def ritual(pillar, name, slug, purpose, cadence, duration, participants, steps, needs, signal):
    return {
        "pillar": pillar,
        "name": name,
        "slug": slug,
        "purpose": purpose,
        "cadence": cadence,
        "duration": duration,
        "participants": participants,
        "steps": "\n".join(steps),
        "needs": needs,
        "success_signal": signal,
    }


RITUALS = [
    # Sharing customer stories -----------------------------------------------------------------
    ritual(
        "stories",
        gettext_noop("A customer story opens the team meeting"),
        "customer-story-opens-the-meeting",
        gettext_noop(
            "Start every team meeting with one real customer, so the first thing on everyone's "
            "mind is the person the work is for."
        ),
        W,
        5,
        gettext_noop("The whole team; the storyteller rotates every week."),
        [
            gettext_noop(
                "The week's storyteller picks one customer they met, heard or read about."
            ),
            gettext_noop(
                "They tell it in three minutes: who the customer is, what they tried to do, what happened."
            ),
            gettext_noop("The team names one thing the story means for this week's work."),
            gettext_noop("The storyteller hands the role to the next person on the rota."),
        ],
        gettext_noop(
            "A rota on the team board; the agenda item fixed at the very top of the meeting."
        ),
        gettext_noop(
            "After two months, the story is told every week without a reminder, and decisions in the "
            "meeting refer back to it."
        ),
    ),
    ritual(
        "stories",
        gettext_noop("Customer of the month at the all-hands"),
        "customer-of-the-month",
        gettext_noop(
            "Show the whole company one customer's journey with us, the good and the bad, so "
            "everyone sees how their part adds up."
        ),
        M,
        10,
        gettext_noop("The whole company; presented by the team closest to that customer."),
        [
            gettext_noop(
                "A team proposes a customer and asks their permission (or anonymises them)."
            ),
            gettext_noop(
                "They map the customer's journey with us on one slide, including where we let them down."
            ),
            gettext_noop(
                "They present it at the all-hands, with a quote in the customer's own words."
            ),
            gettext_noop("Each department names the moment in the journey it influences."),
        ],
        gettext_noop(
            "Ten minutes at every all-hands; a simple journey slide template; consent from the customer."
        ),
        gettext_noop(
            "People across the company can name the last three featured customers and what we changed "
            "for them."
        ),
    ),
    ritual(
        "stories",
        gettext_noop("The customer quote wall"),
        "customer-quote-wall",
        gettext_noop(
            "Keep customers' own words in sight where people work, so their voice is present "
            "between meetings too."
        ),
        W,
        15,
        gettext_noop("Anyone who hears a customer; one curator per floor or channel."),
        [
            gettext_noop(
                "Anyone posts a customer quote they heard this week, word for word, with the context."
            ),
            gettext_noop("The curator replaces the oldest quotes every Friday."),
            gettext_noop(
                "Once a month the team picks the quote that should change something, and acts on it."
            ),
        ],
        gettext_noop(
            "A wall or a shared channel; a curator; a habit of writing quotes down word for word."
        ),
        gettext_noop(
            "The wall is refreshed every week and at least one quote a month leads to a change."
        ),
    ),
    ritual(
        "stories",
        gettext_noop("Story hand-over at the start of a project"),
        "project-kick-off-story",
        gettext_noop(
            "Every project begins with the story of the customer it is for, not with the scope or "
            "the budget."
        ),
        M,
        20,
        gettext_noop("The project team, its sponsor, and someone who has met the customer."),
        [
            gettext_noop(
                "Before the kick-off, someone who has met the customer writes their story on one page."
            ),
            gettext_noop("The kick-off opens with that story, read aloud."),
            gettext_noop(
                "The team writes the customer's goal in one sentence at the top of the project plan."
            ),
            gettext_noop("The story is attached to the project, so newcomers read it first."),
        ],
        gettext_noop("A one-page story template; a kick-off agenda that starts with it."),
        gettext_noop(
            "Every project plan starts with a named customer and their goal in one sentence."
        ),
    ),
    ritual(
        "stories",
        gettext_noop("The leadership team's story round"),
        "leadership-story-round",
        gettext_noop(
            "Leaders share what they learned from a customer themselves, showing that listening is "
            "part of the job at the top."
        ),
        F,
        10,
        gettext_noop("The leadership team; each member brings one story."),
        [
            gettext_noop("Each leader brings one customer encounter from the last two weeks."),
            gettext_noop("They tell it in two minutes and say what surprised them."),
            gettext_noop(
                "The chair notes any pattern across stories and one follow-up with an owner."
            ),
        ],
        gettext_noop(
            "A standing first item in the leadership meeting; leaders who actually meet customers."
        ),
        gettext_noop(
            "Every leader has a first-hand story at every meeting; follow-ups are closed on time."
        ),
    ),
    ritual(
        "stories",
        gettext_noop("Newcomers meet a customer in their first month"),
        "newcomers-meet-a-customer",
        gettext_noop(
            "Make a real customer part of every new colleague's welcome, so the customer is the "
            "first thing they learn about, not the last."
        ),
        M,
        60,
        gettext_noop("Every new colleague, with a buddy from a customer-facing team."),
        [
            gettext_noop(
                "In their first month, each newcomer joins a customer visit, call or service shift."
            ),
            gettext_noop("They write down one thing that surprised them."),
            gettext_noop("They tell that story at their team meeting in their fifth week."),
        ],
        gettext_noop(
            "A slot in the onboarding plan; buddies in customer-facing teams who welcome visitors."
        ),
        gettext_noop(
            "Every newcomer has met a customer within 30 days and tells the story to their team."
        ),
    ),
    # Listening to customers -----------------------------------------------------------------
    ritual(
        "listening",
        gettext_noop("Executives listen in on support calls"),
        "executives-listen-in",
        gettext_noop(
            "Put leaders where customers speak to us unfiltered, so their decisions rest on what "
            "customers actually say."
        ),
        M,
        60,
        gettext_noop("Each member of the leadership team, with a support colleague as host."),
        [
            gettext_noop("Each leader books one hour a month with the support team."),
            gettext_noop(
                "They listen in on live calls or chats, headphones on, without taking over."
            ),
            gettext_noop("Afterwards they write three observations and share them with the host."),
            gettext_noop("At the next leadership meeting each leader brings one thing to fix."),
        ],
        gettext_noop(
            "A booking calendar with the support team; headsets; support colleagues willing to host."
        ),
        gettext_noop(
            "Every leader listens at least once a month and at least one fix a quarter comes from it."
        ),
    ),
    ritual(
        "listening",
        gettext_noop("The quarterly customer panel"),
        "quarterly-customer-panel",
        gettext_noop(
            "Invite a handful of customers to tell us, in person, what it is like to work with us and "
            "what they need next."
        ),
        Q,
        120,
        gettext_noop(
            "Six to eight customers, a neutral host, and the leadership team and product leads listening."
        ),
        [
            gettext_noop("Invite a mix of customers: new, loyal and one who nearly left."),
            gettext_noop("A neutral host asks open questions; our people mostly listen."),
            gettext_noop(
                "Write down what you hear in the customers' own words, not your interpretation."
            ),
            gettext_noop(
                "Within a week, send the panel what you heard and what you will do about it."
            ),
        ],
        gettext_noop(
            "A host, a room or a video call, a small thank-you for the panel, a note-taker."
        ),
        gettext_noop(
            "Panellists see at least one change from their previous panel, and they come back."
        ),
    ),
    ritual(
        "listening",
        gettext_noop("Everyone does a customer shift"),
        "everyone-does-a-customer-shift",
        gettext_noop(
            "Every colleague, whatever their role, spends time on the front line and hears customers "
            "first hand."
        ),
        Q,
        240,
        gettext_noop("Everyone in the organisation, hosted by front-line teams."),
        [
            gettext_noop("Each colleague books half a day a quarter with a front-line team."),
            gettext_noop("They shadow, answer simple questions with help, and listen."),
            gettext_noop("They write one page: what customers asked for, what got in their way."),
            gettext_noop("Their team reviews the pages together once a quarter."),
        ],
        gettext_noop("A booking system; front-line teams who see hosting as part of their job."),
        gettext_noop(
            # xgettext:no-python-format
            "More than 80% of colleagues complete a shift each quarter; teams act on what they heard."
        ),
    ),
    ritual(
        "listening",
        gettext_noop("Read the complaints together"),
        "read-the-complaints-together",
        gettext_noop(
            "Look at complaints as a team, in the customers' own words, instead of as a number on a "
            "dashboard."
        ),
        W,
        20,
        gettext_noop(
            "The team responsible for a product or service; someone from customer service."
        ),
        [
            gettext_noop("Customer service brings five recent complaints, unedited."),
            gettext_noop("The team reads them in silence, then says what they have in common."),
            gettext_noop("Pick one root cause you can remove and give it an owner."),
        ],
        gettext_noop("Access to raw complaints; a fixed twenty minutes in the team's week."),
        gettext_noop("The same complaint does not come back a month later."),
    ),
    ritual(
        "listening",
        gettext_noop("Five customer calls a week"),
        "five-customer-calls-a-week",
        gettext_noop(
            "Keep a steady stream of short conversations with customers, so listening is routine "
            "rather than a project."
        ),
        W,
        75,
        gettext_noop("Product, marketing and sales teams; each person calls one customer a week."),
        [
            gettext_noop("The team shares a list of customers who agreed to be called."),
            gettext_noop(
                "Each person makes one fifteen-minute call a week with three open questions."
            ),
            gettext_noop("They log what they heard in a shared place the same day."),
            gettext_noop("Once a month the team looks for patterns in the log."),
        ],
        gettext_noop("A list of willing customers; three open questions; a shared log."),
        gettext_noop(
            "The log grows every week and the monthly patterns show up in the team's priorities."
        ),
    ),
    ritual(
        "listening",
        gettext_noop("The lost-customer conversation"),
        "lost-customer-conversation",
        gettext_noop(
            "Learn the most from the customers who left, by asking them why, without trying to win "
            "them back in the same call."
        ),
        M,
        45,
        gettext_noop(
            "A senior person from the team that owned the relationship; the customer who left."
        ),
        [
            gettext_noop("Each month pick one or two customers who left or did not renew."),
            gettext_noop("A senior person calls to ask, and only to ask, what made them leave."),
            gettext_noop("Write up what you heard and share it with the teams involved."),
            gettext_noop("Decide together which cause to remove first."),
        ],
        gettext_noop("A list of lost customers; a senior person willing to hear hard things."),
        gettext_noop(
            "The reasons customers give for leaving change over the year, and the top one disappears."
        ),
    ),
    # Shared responsibility -------------------------------------------------------------------
    ritual(
        "responsibility",
        gettext_noop("An empty chair for the customer in planning"),
        "empty-chair-in-planning",
        gettext_noop(
            "Give the customer a seat in every planning meeting, and someone who speaks for them, so "
            "every choice is tested against their interest."
        ),
        W,
        5,
        gettext_noop("Every planning meeting; one person takes the customer's chair each time."),
        [
            gettext_noop(
                "Put an empty chair at the table with the customer's name or segment on it."
            ),
            gettext_noop("One person is the customer's voice for that meeting."),
            gettext_noop(
                "Before each decision, the chair asks: what does this mean for the customer?"
            ),
            gettext_noop("The answer is written next to the decision in the minutes."),
        ],
        gettext_noop(
            "A chair, a name card, a rotating voice; minutes with a field for the customer's view."
        ),
        gettext_noop(
            "Decisions in the minutes carry a customer line, and some decisions change because of it."
        ),
    ),
    ritual(
        "responsibility",
        gettext_noop("The customer review at the board"),
        "customer-review-at-the-board",
        gettext_noop(
            "Make the customer a fixed item at the top of the board agenda, owned by the C-level "
            "customer owner."
        ),
        Q,
        30,
        gettext_noop(
            "The board or executive committee; the C-level owner of customer responsibility presents."
        ),
        [
            gettext_noop("The customer owner presents three customer metrics and their trend."),
            gettext_noop("They tell one story behind the numbers."),
            gettext_noop("The board decides one thing to change, with an owner and a date."),
            gettext_noop("The next review starts with what happened to that decision."),
        ],
        gettext_noop(
            "A C-level owner; the first slot on the agenda; a small set of agreed customer metrics."
        ),
        gettext_noop(
            "The customer item is never pushed down the agenda and its decisions are carried out."
        ),
    ),
    ritual(
        "responsibility",
        gettext_noop("Customer goals in every team's plan"),
        "customer-goals-in-every-plan",
        gettext_noop(
            "Every team states which customer outcome it contributes to, so responsibility is shared "
            "and not left to customer service."
        ),
        Q,
        60,
        gettext_noop("Every team lead with their team; the customer owner reviews."),
        [
            gettext_noop(
                "Each team writes one customer outcome it moves this quarter, with a metric."
            ),
            gettext_noop("Teams that share an outcome agree who does what."),
            gettext_noop("The customer owner collects them on one page for everyone to see."),
            gettext_noop(
                "At the end of the quarter each team reports on its customer outcome first."
            ),
        ],
        gettext_noop("A one-page template; a place where all teams' customer goals are visible."),
        gettext_noop(
            "Every team, including internal ones, can name its customer outcome and its number."
        ),
    ),
    ritual(
        "responsibility",
        gettext_noop("Fix-it Friday"),
        "fix-it-friday",
        gettext_noop(
            "Give teams the time and the permission to remove one small thing that annoys customers, "
            "every week, without waiting for a project."
        ),
        W,
        60,
        gettext_noop("Any team; a sponsor who clears obstacles."),
        [
            gettext_noop("During the week, anyone adds customer irritations to the fix-it list."),
            gettext_noop("On Friday the team picks one it can fix in an hour or two."),
            gettext_noop("They fix it and tell the customer who raised it, if possible."),
            gettext_noop("The sponsor removes any blocker the team could not."),
        ],
        gettext_noop("A visible fix-it list; one protected hour a week; a sponsor."),
        gettext_noop("The list shrinks, and customers notice small things improving."),
    ),
    ritual(
        "responsibility",
        gettext_noop("Walk a complaint to its end"),
        "walk-a-complaint-to-its-end",
        gettext_noop(
            "Follow one complaint across every department it touches, so everyone sees their share "
            "of the problem and nobody passes it on."
        ),
        M,
        60,
        gettext_noop(
            "One person from each department the complaint touched; the customer owner hosts."
        ),
        [
            gettext_noop("Pick one complaint that crossed several departments."),
            gettext_noop("Walk it step by step with the people who handled each step."),
            gettext_noop("Find where the customer was passed on or kept waiting."),
            gettext_noop("Agree one change that stops it happening again, with an owner."),
        ],
        gettext_noop("A host from the customer owner's team; the complaint's full history."),
        gettext_noop("Hand-overs that annoyed customers disappear and the time to resolve falls."),
    ),
    ritual(
        "responsibility",
        gettext_noop("Customer recognition moment"),
        "customer-recognition-moment",
        gettext_noop(
            "Celebrate people who did the right thing for a customer, so it is clear what we value."
        ),
        M,
        10,
        gettext_noop("The whole company; nominations from anyone, including customers."),
        [
            gettext_noop("Anyone nominates a colleague who went out of their way for a customer."),
            gettext_noop(
                "Each month, the customer owner reads out two nominations with the story."
            ),
            gettext_noop("The customer's own words are quoted whenever there are any."),
        ],
        gettext_noop("A nomination form; a slot in the all-hands; a C-level owner who takes part."),
        gettext_noop("Nominations come from all departments, not only from customer-facing teams."),
    ),
    # A way of working ------------------------------------------------------------------------
    ritual(
        "way-of-working",
        gettext_noop("Start with the customer's goal"),
        "start-with-the-customers-goal",
        gettext_noop(
            "Every piece of work begins by writing down whose goal it serves and how we will know "
            "it did."
        ),
        W,
        10,
        gettext_noop("Anyone starting a piece of work; their team lead checks."),
        [
            gettext_noop(
                "Before starting, write: which customer, what they are trying to achieve, "
                "which metric shows it."
            ),
            gettext_noop("Put these three lines at the top of the brief, ticket or plan."),
            gettext_noop("When the work is done, check the metric before calling it finished."),
        ],
        gettext_noop("A three-line template at the top of every brief and ticket."),
        gettext_noop("Finished work is judged by the customer metric named at the start."),
    ),
    ritual(
        "way-of-working",
        gettext_noop("Test with five customers before building"),
        "test-with-five-customers",
        gettext_noop(
            "Try every new idea on real customers, cheaply, before spending serious money on it."
        ),
        F,
        120,
        gettext_noop("The team building the idea; five customers from the target group."),
        [
            gettext_noop(
                "Make the cheapest prototype that shows the idea: a sketch, a mock-up, a script."
            ),
            gettext_noop("Show it to five customers one by one and watch what they do."),
            gettext_noop("Note where they hesitate, misunderstand or get excited."),
            gettext_noop("Decide: build, change or drop."),
        ],
        gettext_noop("Access to customers; a prototype tool; permission to drop ideas."),
        gettext_noop("Ideas are dropped or changed early, and what is built is used."),
    ),
    ritual(
        "way-of-working",
        gettext_noop("The customer metric review"),
        "customer-metric-review",
        gettext_noop(
            "Look at how finished work changed things for customers, not only whether it was "
            "delivered on time and on budget."
        ),
        M,
        45,
        gettext_noop("Team leads and the customer owner."),
        [
            gettext_noop(
                "List the work finished last month and the customer metric each one named."
            ),
            gettext_noop("Look at the metric before and after."),
            gettext_noop("Talk about what worked, what did not and why."),
            gettext_noop("Decide what to stop, change or do more of."),
        ],
        gettext_noop(
            "Customer metrics that can be measured monthly; a shared list of finished work."
        ),
        gettext_noop("Teams change their plans because of what the review shows."),
    ),
    ritual(
        "way-of-working",
        gettext_noop("Journey walk-through"),
        "journey-walk-through",
        gettext_noop(
            "Walk through a customer journey as the customer does, end to end, to see it with their "
            "eyes."
        ),
        Q,
        90,
        gettext_noop("A mixed group from the teams involved in one journey."),
        [
            gettext_noop("Pick one journey: ordering, onboarding, a claim, cancelling."),
            gettext_noop(
                "Go through it as a customer would, with real channels and real waiting times."
            ),
            gettext_noop("Map every step and mark where it hurts."),
            gettext_noop("Choose the two worst moments and give each an owner."),
        ],
        gettext_noop("A test account or a willing customer; a wall to map on; 90 minutes."),
        gettext_noop("The worst moments found in one walk-through are gone by the next one."),
    ),
    ritual(
        "way-of-working",
        gettext_noop("Insight to idea session"),
        "insight-to-idea-session",
        gettext_noop(
            "Turn what we heard from customers into ideas, regularly, so insight feeds the work "
            "instead of sitting in a report."
        ),
        M,
        60,
        gettext_noop(
            "A product or service team with whoever collected the month's customer insight."
        ),
        [
            gettext_noop(
                "Bring the month's customer insight: quotes, calls, complaints, panel notes."
            ),
            gettext_noop("Define the problem in the customer's words: how might we …?"),
            gettext_noop("Ideate for fifteen minutes, quantity before quality."),
            gettext_noop("Pick one idea to prototype and test before the next session."),
        ],
        gettext_noop("A collection of the month's insight; a facilitator; sticky notes."),
        gettext_noop(
            "Each session ends with a prototype that is tested with customers within a month."
        ),
    ),
    ritual(
        "way-of-working",
        gettext_noop("The customer check in the definition of done"),
        "customer-check-in-definition-of-done",
        gettext_noop(
            "Nothing is done until a customer has used it and we have looked at the effect."
        ),
        W,
        15,
        gettext_noop("Delivery teams and their product owner."),
        [
            gettext_noop(
                "Add a line to the team's definition of done: used by a real customer, effect measured."
            ),
            gettext_noop("At the weekly review, move work to done only when that line is ticked."),
            gettext_noop("Keep a short list of work waiting for its customer check."),
        ],
        gettext_noop("A written definition of done; a way to see the effect on customers quickly."),
        gettext_noop("The waiting list stays short and the team talks about effects, not output."),
    ),
    ritual(
        "way-of-working",
        gettext_noop("Yearly customer day"),
        "yearly-customer-day",
        gettext_noop(
            "Once a year, the whole organisation spends a day with customers and sets its customer "
            "goals for the year from what it learned."
        ),
        Y,
        480,
        gettext_noop(
            "The whole organisation, customers invited; the C-level customer owner hosts."
        ),
        [
            gettext_noop("In the morning, everyone visits, calls or serves customers."),
            gettext_noop("At lunch, teams share what they heard."),
            gettext_noop("In the afternoon, each team sets its customer goal for the coming year."),
            gettext_noop("The customer owner publishes all the goals the week after."),
        ],
        gettext_noop("A day in the calendar a year ahead; customers willing to take part; a host."),
        gettext_noop(
            "Every team's plan for the year starts from the goals set on the customer day."
        ),
    ),
]


def add_library(apps, schema_editor):
    Pillar = apps.get_model("rituals", "Pillar")
    Ritual = apps.get_model("rituals", "Ritual")
    pillars = {}
    for position, pillar in enumerate(PILLARS):
        pillars[pillar["slug"]], _ = Pillar.objects.update_or_create(
            slug=pillar["slug"], defaults={**pillar, "position": position}
        )
    for position, item in enumerate(RITUALS):
        Ritual.objects.update_or_create(
            slug=item["slug"],
            defaults={**item, "pillar": pillars[item["pillar"]], "position": position},
        )


def remove_library(apps, schema_editor):
    apps.get_model("rituals", "Ritual").objects.filter(
        slug__in=[item["slug"] for item in RITUALS]
    ).delete()
    apps.get_model("rituals", "Pillar").objects.filter(
        slug__in=[pillar["slug"] for pillar in PILLARS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("rituals", "0001_initial")]

    operations = [migrations.RunPython(add_library, remove_library)]
