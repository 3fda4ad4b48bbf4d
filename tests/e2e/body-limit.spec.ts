/**
 * Each route its body limit (src/lib/server/http/body-limit.ts), on the e2e server that runs with
 * BODY_SIZE_LIMIT=60M as production is told to: a form anyone may post (/p, /login) refuses a
 * 2 MB body with 413 on the error page, in words, before the body has arrived (only its first
 * kilobyte is ever sent); an upload route still takes a body of several megabytes.
 */
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { BASE, demo, signInStaff } from './access-helpers';

/**
 * A form POST that announces `length` bytes but sends only the first kilobyte: the server's answer,
 * or null when it waited for the rest (5 s).
 */
function postAnnounced(path: string, length: number): Promise<string | null> {
	const { hostname, port } = new URL(BASE);
	return new Promise((resolve, reject) => {
		const socket = net.connect(Number(port), hostname);
		let answer = '';
		const timer = setTimeout(() => {
			socket.destroy();
			resolve(null);
		}, 5_000);
		socket.on('error', reject);
		socket.on('data', (d) => {
			answer += d;
			if (answer.includes('</html>')) {
				clearTimeout(timer);
				socket.destroy();
				resolve(answer);
			}
		});
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(answer || null);
		});
		socket.write(
			`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${BASE}\r\n` +
				`Accept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n` +
				'answer=' +
				'a'.repeat(1024)
		);
	});
}

for (const path of ['/p?/answer', '/login?/login']) {
	test(`a 2 MB body to ${path} is refused with 413 before it is read`, async () => {
		const answer = await postAnnounced(path, 2_000_000);
		expect(answer, 'the server waited for the body').not.toBeNull();
		expect(answer!.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
		expect(answer).toContain('A küldött adat túl nagy.');
	});
}

test('an upload route still takes a body of several megabytes, and says its own limit by the field', async ({
	page
}) => {
	test.setTimeout(90_000);
	await signInStaff(page, demo.operator);
	await page.goto('/ops/bank');
	const field = page.getByLabel(/Kivonat/);
	// 3 MB that reach the action: it reads the file and answers about its content
	await field.setInputFiles({
		name: 'kivonat.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(3 * 1024 * 1024, 0xff)
	});
	await page.getByRole('button', { name: 'Feltöltés' }).click();
	await expect(page.getByText('A fájl nem UTF-8 kódolású.')).toBeVisible();
	// over the route's limit: refused by the field with the limit, not on an error page
	await page.getByLabel(/Kivonat/).setInputFiles({
		name: 'kivonat.csv',
		mimeType: 'text/csv',
		buffer: Buffer.alloc(21 * 1024 * 1024, 0x61)
	});
	await page.getByRole('button', { name: 'Feltöltés' }).click();
	await expect(page.getByText('A fájl túl nagy (legfeljebb 20 MB).')).toBeVisible();
});
