/**
 * How a service tells the jobs worker that there is new work (a confirmed placement). The server
 * sets the notifier when it starts the worker; in scripts and tests nobody listens and the caller
 * runs the work itself.
 */
let notify: () => void = () => {};

export function setJobNotifier(fn: () => void): void {
	notify = fn;
}

export function jobQueued(): void {
	notify();
}
