/**
 * The station's organisation — stations, communities, buildings — changes a few times a year and is
 * read by almost every call (routing, the home page, place checks). Each warm instance keeps it for a
 * short TTL instead of reading it per call. What changes day to day is not here: a grid's officer is
 * read fresh from the grid (routing, the officer card), and roles from the caller's user record.
 */
import { buildingsOfCommunities, type BuildingDoc } from '../data/buildings';
import { listCommunities, type CommunityDoc } from '../data/communities';
import { stationsByIds, type StationDoc } from '../data/stations';
import { countCacheFill } from '../platform/metrics';

/** A new community or building shows up within this long on every instance. */
export const ORGANISATION_TTL_MS = 60_000;

export interface Organisation {
  communities: CommunityDoc[];
  community(id: string | null | undefined): CommunityDoc | null;
  building(id: string | null | undefined): BuildingDoc | null;
  buildingsOf(communityId: string): BuildingDoc[];
  station(id: string | null | undefined): StationDoc | null;
  /** Every station some community belongs to (one for a single-station deployment). */
  stations: StationDoc[];
}

let cached: { org: Organisation; loadedAt: number } | null = null;

function index(communities: CommunityDoc[], buildings: BuildingDoc[], stations: StationDoc[]): Organisation {
  const communityById = new Map(communities.map((c) => [c._id, c]));
  const buildingById = new Map(buildings.map((b) => [b._id, b]));
  const stationById = new Map(stations.map((s) => [s._id, s]));
  const sorted = [...buildings].sort((a, b) => a.order - b.order);
  return {
    communities,
    community: (id) => (id ? communityById.get(id) ?? null : null),
    building: (id) => (id ? buildingById.get(id) ?? null : null),
    buildingsOf: (communityId) => sorted.filter((b) => b.communityId === communityId),
    station: (id) => (id ? stationById.get(id) ?? null : null),
    stations,
  };
}

/** The organisation as of at most ORGANISATION_TTL_MS ago (two or three round trips when it is not). */
export async function organisation(now: Date): Promise<Organisation> {
  if (cached && now.getTime() - cached.loadedAt < ORGANISATION_TTL_MS && now.getTime() >= cached.loadedAt) return cached.org;
  const communities = await listCommunities();
  const [buildings, stations] = await Promise.all([
    buildingsOfCommunities(communities.map((c) => c._id)),
    stationsByIds([...new Set(communities.map((c) => c.stationId))]),
  ]);
  countCacheFill(3);
  const org = index(communities, buildings, stations);
  // An empty organisation is a station still being set up: ask again next time rather than keep it.
  cached = communities.length > 0 ? { org, loadedAt: now.getTime() } : null;
  return org;
}
