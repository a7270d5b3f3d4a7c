import { describe, expect, it } from "vitest";
import { whereUsersWent } from "../src/experiments/where-users-went.js";

describe("whereUsersWent", () => {
  it("accounts for every exposed user: analysed, not randomised, outside, several variants", () => {
    const lines = whereUsersWent({
      total: 1240,
      multipleVariants: 25,
      otherVariants: 45,
      analysed: { control: 590, treatment: 580 },
      notRandomised: [
        { variant: "control", reason: "off", users: 20 },
        { variant: "treatment", reason: "rule", users: 10 },
      ],
    });
    expect(lines).toEqual([
      "1,240 users exposed; 1,170 analysed (control 590, treatment 580).",
      "20 users served control by the flag while it was off: not randomised, left out.",
      "10 users served treatment by a targeting rule: not randomised, left out.",
      "15 users saw only a variant outside this comparison (another variant, or a value matching none): not analysed.",
      "25 users saw more than one variant (or were served one outside the rollout too): left out of every metric and of the ratio check.",
    ]);
    // 1,170 + 20 + 10 + 15 + 25 = 1,240.
  });

  it("says only what applies", () => {
    expect(
      whereUsersWent({
        total: 1,
        multipleVariants: 0,
        otherVariants: 0,
        analysed: { a: 1, b: 0 },
        notRandomised: [],
      }),
    ).toEqual(["1 user exposed; 1 analysed (a 1, b 0)."]);
  });
});
