// The digest schedules the environment sets (DIGEST_CRON, DIGEST_TIMEZONE, DIGEST_CHANNELS, DIGEST_QUIET_HOURS),
// applied at start-up beside those set in chat, which win.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { parseQuiet, parseSchedule, parseTimeZone } from './schedule.js';
import type { DigestStore } from './store.js';

/**
 * Applies DIGEST_CRON / DIGEST_TIMEZONE / DIGEST_CHANNELS: each listed channel gets the default schedule unless a
 * schedule was set for it in chat (chat wins); channels dropped from the list lose their environment schedule.
 */
export async function applyEnvironmentDefaults(
  store: DigestStore,
  config: Pick<Config, 'DIGEST_CRON' | 'DIGEST_TIMEZONE' | 'DIGEST_CHANNELS' | 'DIGEST_QUIET_HOURS'>,
  now: number,
  log: Logger,
): Promise<void> {
  const listed = new Set(config.DIGEST_CHANNELS);
  for (const sub of await store.subscriptions()) {
    if (sub.origin === 'env' && (!listed.has(sub.channel) || !config.DIGEST_CRON)) {
      await store.remove(sub.channel);
      log.info(
        { channel: sub.channel },
        `removed the default digest schedule of ${sub.channel} (no longer in DIGEST_CHANNELS/DIGEST_CRON)`,
      );
    }
  }
  if (!config.DIGEST_CRON || listed.size === 0) {
    if (config.DIGEST_CRON)
      log.warn('DIGEST_CRON is set but DIGEST_CHANNELS is empty, so no channel gets the default digest');
    return;
  }
  const schedule = parseSchedule(config.DIGEST_CRON);
  if (!schedule.ok) throw new Error(`Configuration error: DIGEST_CRON is invalid. ${schedule.error}`);
  const zone = parseTimeZone(config.DIGEST_TIMEZONE);
  if (!zone.ok) throw new Error(`Configuration error: DIGEST_TIMEZONE is invalid. ${zone.error}`);
  const quiet = config.DIGEST_QUIET_HOURS ? parseQuiet(config.DIGEST_QUIET_HOURS) : null;
  if (quiet && !quiet.ok) throw new Error(`Configuration error: DIGEST_QUIET_HOURS is invalid. ${quiet.error}`);
  for (const channel of listed) {
    const existing = await store.subscription(channel);
    if (existing?.origin === 'chat') continue;
    const same =
      existing &&
      existing.cron === schedule.schedule.cron &&
      existing.timezone === zone.zone &&
      existing.quiet === (quiet?.quiet.label ?? null);
    // An unchanged default is left alone, so restarting neither resumes a paused channel nor moves its watermark.
    if (same) continue;
    await store.upsert(
      {
        channel,
        cron: schedule.schedule.cron,
        scheduleLabel: schedule.schedule.label,
        timezone: zone.zone,
        quiet: quiet?.quiet.label ?? null,
        origin: 'env',
        createdBy: 'env',
      },
      now,
    );
    log.info(
      { channel, cron: schedule.schedule.cron, timezone: zone.zone },
      `default digest schedule for ${channel}: ${schedule.schedule.label} (${zone.zone})`,
    );
  }
}
