// Debian's Chromium, driven by playwright-core, with the flags that keep it off the network.
import { chromium } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * A headless Chromium; `executablePath` can be overridden with $CHROMIUM. Chromium now and then
 * crashes while starting on a loaded machine (before any page exists), so a failed start is
 * tried again, twice at most; anything that fails after the start is the test's business.
 */
export async function launch() {
  let failure;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await chromium.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        headless: true,
        args: FLAGS,
      });
    } catch (e) {
      failure = e;
    }
  }
  throw failure;
}
