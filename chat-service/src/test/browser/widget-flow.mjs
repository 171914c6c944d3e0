// The visitor's side of WidgetBrowserTest, in Debian's headless Chromium driven by playwright-core. The Java test plays
// the agent; the two meet through the chat itself, through the screenshots this script saves (the Java side waits for
// them) and through two signal files for the network drop. Exits non-zero with the reason on any failed expectation.
//   PAGE_URL     the test page on 127.0.0.1 embedding the widget (an allowed domain)
//   REFUSED_URL  the same page on localhost (not allowed)
//   CLOSED_URL   a page on 127.0.0.1 with a widget outside its business hours
//   ARTEFACTS    where screenshots and signals go
//   CHROMIUM     the browser (default /usr/bin/chromium)
//   PRIMARY_RGB  the launcher's expected background, e.g. rgb(10, 124, 89)
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name, fallback) => process.env[name] ?? fallback ?? fail(`${name} is not set`);
const PAGE_URL = env('PAGE_URL');
const REFUSED_URL = env('REFUSED_URL');
const CLOSED_URL = env('CLOSED_URL');
const ARTEFACTS = env('ARTEFACTS');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const PRIMARY_RGB = env('PRIMARY_RGB');
const WAIT = 30_000;

function fail(message) {
  throw new Error(message);
}

function expect(condition, message) {
  if (!condition) fail(message);
}

function log(step) {
  console.log(`[widget-flow] ${new Date().toISOString()} ${step}`);
}

async function waitForFile(name) {
  const path = join(ARTEFACTS, name);
  const until = Date.now() + WAIT;
  while (!existsSync(path)) {
    if (Date.now() > until) fail(`the Java side never wrote ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

mkdirSync(ARTEFACTS, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[page] error ${e.message}`));
  const shot = async (name) => {
    await page.screenshot({ path: join(ARTEFACTS, `${name}.png`) });
    log(`screenshot ${name}`);
  };

  // Every visitor socket goes through this route, so the test can cut it like a network drop and keep it cut.
  const sockets = [];
  let blocked = false;
  await page.routeWebSocket(/\/api\/v1\/chat\/ws\/visitor/, (ws) => {
    if (blocked) {
      ws.close({ code: 4001, reason: 'network down (test)' });
      return;
    }
    ws.connectToServer();
    sockets.push(ws);
  });

  await page.goto(PAGE_URL);
  const launcher = page.locator('#switchboard-chat button.l');
  await launcher.waitFor({ timeout: WAIT });
  const background = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background === PRIMARY_RGB, `launcher background ${background}, expected ${PRIMARY_RGB}`);
  const box = await launcher.boundingBox();
  expect(box.x < 100, `launcher at x=${box.x}: the widget is configured bottom-left`);
  await shot('01-launcher');

  await launcher.click();
  const welcome = page.getByText('Welcome to the shop! Ask us anything.');
  await welcome.waitFor({ timeout: WAIT });
  // the host page sets every element red and 30px; the shadow root keeps the widget's own look
  const welcomeStyle = await welcome.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).fontSize]);
  expect(welcomeStyle[0] !== 'rgb(255, 0, 0)' && welcomeStyle[1] === '14px', `host styles leaked in: ${welcomeStyle}`);
  const form = page.locator('#switchboard-chat form');
  await form.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText('Please fill in: name, email').waitFor({ timeout: WAIT });
  await shot('02-prechat');

  await form.locator('input[name=name]').fill('Carla');
  await form.locator('input[name=email]').fill('carla@example.com');
  await form.locator('textarea[name=message]').fill('Hi, I need help with an order');
  await form.getByRole('button', { name: 'Start chat' }).click();
  await page.getByText('You are number 1 in the queue').waitFor({ timeout: WAIT });
  await page.locator('.m.v', { hasText: 'Hi, I need help with an order' }).waitFor({ timeout: WAIT });
  await shot('03-queued');

  // the Java side: the agent goes online and accepts
  await page.getByText('Alice joined the chat').waitFor({ timeout: WAIT });
  await page.getByText('with Alice').waitFor({ timeout: WAIT });
  expect(!(await page.getByText('in the queue').isVisible()), 'the queue line stays after the agent joined');
  await shot('04-joined');

  const input = page.locator('#switchboard-chat input[name=body]');
  await input.pressSequentially('Where is my order?', { delay: 20 });
  await input.press('Enter');
  const question = page.locator('.m.v[data-seq]', { hasText: 'Where is my order?' });
  await question.waitFor({ timeout: WAIT });
  // the agent reads it (message.read from the Java side)
  await question.locator('.n', { hasText: 'Read' }).waitFor({ timeout: WAIT });
  await page.getByText('Alice is typing…').waitFor({ timeout: WAIT });
  await shot('05-agent-typing');

  const answer = page.locator('.m.a', { hasText: 'On its way' });
  await answer.waitFor({ timeout: WAIT });
  expect((await page.locator('.ty').textContent()) === '', 'the typing indicator stays after the message');
  await shot('06-conversation');

  // The network drops: the socket is cut and reconnects are refused. The visitor writes meanwhile.
  blocked = true;
  sockets.at(-1).close({ code: 4001, reason: 'network down (test)' });
  await page.getByText('reconnecting').waitFor({ timeout: WAIT });
  await input.fill('Still there?');
  await input.press('Enter');
  await page.locator('.m.v.pe', { hasText: 'Still there?' }).waitFor({ timeout: WAIT });
  await shot('07-offline');
  writeFileSync(join(ARTEFACTS, 'signal-dropped'), '');
  await waitForFile('signal-resume'); // the agent wrote while the visitor was away
  blocked = false;
  await page.locator('.m.a', { hasText: 'Sent while you were away' }).waitFor({ timeout: WAIT });
  await page.locator('.m.v[data-seq]', { hasText: 'Still there?' }).waitFor({ timeout: WAIT });
  await shot('08-resumed');

  // Files: a file whose bytes are HTML is refused (the server detects the type) and the widget says why; the
  // screenshot just taken goes as an image and shows as a thumbnail; the agent's PDF arrives as a link that downloads.
  const attach = page.locator('#switchboard-chat input[type=file]');
  await attach.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
  await page.locator('#switchboard-chat [role=alert]', { hasText: 'notes.txt: Files of type text/html are not accepted' }).waitFor({ timeout: WAIT });
  await attach.setInputFiles(join(ARTEFACTS, '08-resumed.png'));
  const thumbnail = page.locator('.m.v[data-seq] img.im[alt="08-resumed.png"]');
  await thumbnail.waitFor({ timeout: WAIT });
  await page.waitForFunction(() => document.querySelector('#switchboard-chat').shadowRoot.querySelector('img.im').naturalWidth > 0, null, { timeout: WAIT });
  await shot('14-upload-sent');
  const link = page.locator('.m.a a.fl', { hasText: 'label.pdf' });
  await link.waitFor({ timeout: WAIT });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), link.click()]);
  await download.saveAs(join(ARTEFACTS, 'downloaded-label.pdf'));
  await shot('15-file-received');
  writeFileSync(join(ARTEFACTS, 'signal-files'), '');

  await page.locator('[data-state=ended]', { hasText: 'The chat has ended' }).waitFor({ timeout: WAIT });
  await page.locator('.m.s', { hasText: 'The chat has ended' }).waitFor({ timeout: WAIT });
  await shot('09-ended');
  const lines = await page.locator('#switchboard-chat .m').evaluateAll((els) =>
    els.map((el) => [Number(el.getAttribute('data-seq')), el.firstChild.textContent]));
  log(`conversation ${JSON.stringify(lines)}`);
  const bodies = lines.map((l) => l[1]);
  const expected = ['Hi, I need help with an order', 'Alice joined the chat', 'Where is my order?', 'On its way',
    'Sent while you were away', 'Still there?', '', '📄 label.pdf (1 KB)', 'The chat has ended'];
  expect(JSON.stringify(bodies) === JSON.stringify(expected), `conversation shown as ${JSON.stringify(bodies)}`);
  for (const body of ['Where is my order?', 'On its way', 'Still there?', 'Sent while you were away']) {
    expect(bodies.filter((b) => b === body).length === 1, `"${body}" shown ${bodies.filter((b) => b === body).length} times`);
  }
  const seqs = lines.map((l) => l[0]);
  expect(seqs.every((s, i) => s > 0 && (i === 0 || s > seqs[i - 1])), `messages out of sequence: ${seqs}`);
  expect(!(await page.locator('#switchboard-chat input[name=body]').count()), 'the input stays after the chat ended');

  // The rating prompt at the end: stars required, an optional comment; the Java side reads the rating back.
  const prompt = page.locator('#switchboard-chat [data-state=rating]');
  await prompt.waitFor({ timeout: WAIT });
  await prompt.getByRole('button', { name: 'Send rating' }).click();
  await page.getByText('Please choose 1 to 5 stars').waitFor({ timeout: WAIT });
  await prompt.getByRole('radio', { name: '4 stars' }).click();
  await prompt.locator('textarea[name=comment]').fill('Quick and friendly');
  await shot('12-rating-prompt');
  await prompt.getByRole('button', { name: 'Send rating' }).click();
  await page.locator('#switchboard-chat [data-state=rated]', { hasText: 'Thank you for your feedback!' }).waitFor({ timeout: WAIT });
  expect(!(await prompt.count()), 'the rating prompt stays after it was sent');
  await shot('13-rated');

  // A page on a domain the widget does not allow: the server refuses, the widget says so.
  const refused = await context.newPage();
  const statuses = [];
  refused.on('response', (r) => {
    if (r.url().includes('/api/v1/chat/public/widgets/')) statuses.push(r.status());
  });
  await refused.goto(REFUSED_URL);
  await refused.locator('#switchboard-chat[data-refused=origin_not_allowed]').waitFor({ state: 'attached', timeout: WAIT });
  await refused.locator('#switchboard-chat button.l').click();
  await refused.getByText('Chat is not available on this page. The widget is not allowed on').waitFor({ timeout: WAIT });
  expect(statuses.length > 0 && statuses.every((s) => s === 403), `widget requests answered ${statuses}`);
  expect(!(await refused.locator('#switchboard-chat form').count()), 'a refused page offers a form');
  await refused.screenshot({ path: join(ARTEFACTS, '10-refused-origin.png') });

  // Outside business hours: the offline form instead of a chat.
  const closed = await context.newPage();
  const offlineStatuses = [];
  closed.on('response', (r) => {
    if (r.url().includes('/offline-messages')) offlineStatuses.push(r.status());
  });
  await closed.goto(CLOSED_URL);
  await closed.locator('#switchboard-chat button.l').click();
  await closed.getByText('We are closed. Leave us a message.').waitFor({ timeout: WAIT });
  const offlineForm = closed.locator('#switchboard-chat form');
  expect(!(await offlineForm.getByRole('button', { name: 'Start chat' }).count()), 'a closed widget offers a chat');
  await offlineForm.getByRole('button', { name: 'Send' }).click();
  await closed.getByText('Please fill in: email, message').waitFor({ timeout: WAIT });
  await offlineForm.locator('input[name=name]').fill('Olga');
  await offlineForm.locator('input[name=email]').fill('olga@example.com');
  await offlineForm.locator('textarea[name=message]').fill('Please call me back tomorrow');
  await offlineForm.getByRole('button', { name: 'Send' }).click();
  await closed.getByText('Thank you, your message was sent.').waitFor({ timeout: WAIT });
  expect(offlineStatuses.join() === '202', `offline form answered ${offlineStatuses}`);
  await closed.screenshot({ path: join(ARTEFACTS, '11-offline-form.png') });
  log('done');
} finally {
  await browser.close();
}
