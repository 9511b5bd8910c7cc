import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { messagingPort } from '../../lib/annotate/port';
import { LIMITS } from '../../lib/messaging';
import { CUE_TABLE } from '../../lib/topics/cues';
import { shippedTopicModel, shippedTopicModelMessage } from '../../lib/topics/shipped-model';

/** Answers every request with `answer(message)`, and records the requests. */
function background(answer: (message: { type: string; ids?: string[] }) => unknown) {
  const sent: { type: string; ids?: string[]; knownIds?: boolean }[] = [];
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const request = message as { type: string; ids?: string[]; knownIds?: boolean };
    sent.push(request);
    return answer(request);
  });
  return sent;
}

describe("the content script's port to the background", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('returns what the background answers', async () => {
    const sent = background(() => ({ ok: true, note: 'read later' }));
    await expect(messagingPort.getNote('arxiv:2401.00001')).resolves.toBe('read later');
    expect(sent).toEqual([{ type: 'get-note', id: 'arxiv:2401.00001' }]);
  });

  it('turns a refusal, a missing answer and an unreachable background into errors', async () => {
    background(() => ({ ok: false, error: 'The database is full' }));
    await expect(messagingPort.unsave('arxiv:2401.00001')).rejects.toThrow('The database is full');
    background(() => undefined);
    await expect(messagingPort.updateNote('arxiv:2401.00001', 'x')).rejects.toThrow(
      'No response from the BiasLens background',
    );
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('reloaded'));
    await expect(messagingPort.setSummaryFilter('arxiv', 'social')).rejects.toThrow(
      'Could not reach the BiasLens background: reloaded',
    );
  });

  it('asks for the state of a big page in bounded chunks, the digest only once', async () => {
    const ids = Array.from({ length: LIMITS.ids * 2 + 1 }, (_, i) => `arxiv:2401.${10000 + i}`);
    const sent = background((message) => ({
      ok: true,
      saved: message.ids?.slice(0, 1) ?? [],
      corrections: [],
      known: [1, 2],
    }));
    const state = await messagingPort.getPageState(ids, { knownIds: true });
    expect(sent.map((m) => m.ids?.length)).toEqual([LIMITS.ids, LIMITS.ids, 1]);
    expect(sent.map((m) => m.knownIds)).toEqual([true, undefined, undefined]);
    expect(state.saved).toEqual([ids[0], ids[LIMITS.ids], ids[2 * LIMITS.ids]]);
    expect(state.known).toEqual([1, 2]);
  });

  it("hands the annotator the classifier's data decoded, from the background's JSON answer", async () => {
    const answer = JSON.stringify({ ok: true, cues: CUE_TABLE, model: shippedTopicModelMessage() });
    const sent = background(() => JSON.parse(answer));
    const { cues, model } = await messagingPort.getClassifier();
    expect(sent).toEqual([{ type: 'get-classifier' }]);
    expect(cues).toEqual(CUE_TABLE);
    expect(model).toEqual(shippedTopicModel());
    // One list of candidate phrases for both parts, as compiled: its patterns are built once.
    expect(model.title?.candidates).toBe(model.candidates);
  });
});
