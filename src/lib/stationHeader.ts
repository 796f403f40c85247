/**
 * The station the H5 header names, in ONE place (issue 14). Issue 16 moves station-specific words to
 * whoami (`station`); at that merge this becomes the session's station and nothing else changes.
 */
export const stationHeader = { name: '和苑派出所', hotline: '022-00000110' }
