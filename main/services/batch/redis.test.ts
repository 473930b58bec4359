/** The queue option a host starts with, and the URL checks behind it. */
import { describe, expect, it } from 'vitest';
import { checkRedisUrl, hostQueue, safeUrl } from './redis';

describe('hostQueue', () => {
  it('gives no queue without a URL', () => {
    expect(hostQueue(undefined)).toEqual({});
    expect(hostQueue('')).toEqual({});
  });

  it('gives the queue for a redis:// or rediss:// URL', () => {
    expect(hostQueue('redis://127.0.0.1:6379')).toEqual({ queue: { url: 'redis://127.0.0.1:6379' } });
    expect(hostQueue('rediss://:pw@cache.example:6380/2')).toEqual({
      queue: { url: 'rediss://:pw@cache.example:6380/2' },
    });
  });

  it('refuses anything else with a sentence naming --redis', () => {
    expect(() => hostQueue('http://127.0.0.1:6379')).toThrow(/--redis must start with redis:\/\//);
    expect(() => hostQueue('localhost 6379')).toThrow(/--redis must be a URL/);
    expect(checkRedisUrl('redis://h:1')).toBeNull();
  });

  it('never prints a password', () => {
    expect(safeUrl('redis://:secret@h:6379')).not.toContain('secret');
  });
});
