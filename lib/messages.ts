// PLACEHOLDER: the message contract between content scripts / popup and the background.
// Implemented by the database helper; see the contract below.
//
// Requests (runtime.sendMessage, validated by the background with valibot):
//   { type: 'get-saved-state', ids: string[] }            -> { ok: true, saved: string[] }
//   { type: 'save-paper', paper: ExtractedPaper, topics: TopicId[] } -> { ok: true, record: PaperRecord }
//   { type: 'unsave-paper', id: string }                  -> { ok: true }
//   { type: 'update-note', id: string, note: string }     -> { ok: true, record: PaperRecord }
//   any failure                                           -> { ok: false, error: string }
// Broadcasts (background -> every tab, tabs.sendMessage; and runtime to the popup):
//   { type: 'saved-changed', ids: string[], saved: boolean }
export {};
