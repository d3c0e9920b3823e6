"""Chapter 06: scoring the social-style quiz, the buying centre, and the quiz widget's speed."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _util import best_of, line

from crmkit import people


def main() -> None:
    rng = np.random.default_rng(6)
    sheets = [dict(zip([q.id for q in people.QUIZ], map(int, rng.integers(1, 6, 8)))) for _ in range(1000)]
    t = best_of(lambda: [people.social_style(s) for s in sheets], 3)
    line("social_style, 1,000 answer sheets", f"{t * 1000:.0f} ms", "")
    n = 10_000
    contacts = pd.DataFrame({"contact_id": [f"C{i}" for i in range(n)],
                             "buying_role": rng.choice(people.ROLES, n), "influence": rng.integers(1, 6, n),
                             "attitude": rng.integers(-2, 3, n)})
    t = best_of(lambda: people.buying_centre(contacts), 3)
    line(f"buying_centre, {n:,} contacts", f"{t * 1000:.0f} ms", "")

    from crmkit.widgets.people import SocialStyleQuiz

    w = SocialStyleQuiz({q.id: 3 for q in people.QUIZ})
    answers = iter([1, 2, 3, 4, 5] * 20)

    def move():
        w.controls["A1"].value = next(answers)

    line("SocialStyleQuiz: one control change (style shown)", f"{best_of(move, 20) * 1000:.0f} ms", "target < 100 ms")
    u = SocialStyleQuiz()
    other = iter([1, 2, 3, 4, 5] * 20)

    def move_open():
        u.controls["R2"].value = next(other)

    line("SocialStyleQuiz: one control change (items still open)", f"{best_of(move_open, 20) * 1000:.0f} ms",
         "target < 100 ms")


if __name__ == "__main__":
    main()
