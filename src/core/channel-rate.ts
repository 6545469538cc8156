// So many of something per channel per sliding hour, by channel key: model-written replies (LLM_CHANNEL_RATE;
// the key stays here, never sent to the model) and links read for a channel (LINK_CHANNEL_RATE).
export interface ChannelRate {
  readonly perHour: number;
  /** Spends one of the channel's allowance this hour; false when none is left. */
  take(channel: string): boolean;
}

const HOUR = 3_600_000;

/** `perHour` 0 turns the limit off. Channels idle for an hour are forgotten, so the map stays small. */
export function createChannelRate(perHour: number, clock: () => number = Date.now): ChannelRate {
  const used = new Map<string, number[]>();
  return {
    perHour,
    take(channel) {
      if (perHour <= 0) return true;
      const now = clock();
      for (const [key, times] of used)
        if (times.length === 0 || times[times.length - 1]! <= now - HOUR) used.delete(key);
      const times = (used.get(channel) ?? []).filter((t) => t > now - HOUR);
      if (times.length >= perHour) {
        used.set(channel, times);
        return false;
      }
      times.push(now);
      used.set(channel, times);
      return true;
    },
  };
}
