import { it } from "vitest";
import { axeViolations, useSignedInBrowser } from "../helpers/browser";
const bed = useSignedInBrowser();
const t = () => performance.now();
it("profile", async () => {
  for (const js of [false, true]) {
    const page = await bed.pageAs("saksbehandler", { javaScriptEnabled: js });
    let s = t();
    await page.goto(`${bed.url}/rapport/forklaringer?aar=2023&per=2023-04-30`);
    const r: Record<string, number> = { goto: Math.round(t() - s) };
    s = t();
    const fields = page.locator("li.row-missing textarea");
    const n = await fields.count();
    r.n = n;
    for (let i = 0; i < n; i++) await fields.nth(i).fill(`x ${i + 1}: arbeidet er planlagt og startes etter avtale med departementet.`);
    r.fill = Math.round(t() - s); s = t();
    await page.getByRole("button", { name: "Lagre alle forklaringer" }).click();
    await page.waitForURL(/lagret=\d+/);
    await page.locator("#bekreftelse").waitFor();
    r.save = Math.round(t() - s); s = t();
    if (js) await axeViolations(page);
    r.axe = Math.round(t() - s); s = t();
    r.nodes = await page.evaluate(() => document.querySelectorAll("*").length);
    console.log(JSON.stringify(r));
  }
});
