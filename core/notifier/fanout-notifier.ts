/** Sends every notification to several notifiers (the log, and Slack once the bot has started). */
import type { Notifier } from "./port.ts";

export class FanoutNotifier implements Notifier {
  readonly kind = "fanout";
  private readonly targets: Notifier[] = [];

  add(notifier: Notifier): void {
    this.targets.push(notifier);
  }

  async runCreated(run: Parameters<Notifier["runCreated"]>[0]): Promise<void> {
    await Promise.allSettled(this.targets.map((t) => t.runCreated(run)));
  }

  async runUpdated(notification: Parameters<Notifier["runUpdated"]>[0]): Promise<void> {
    await Promise.allSettled(this.targets.map((t) => t.runUpdated(notification)));
  }
}
