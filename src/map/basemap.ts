import { addProtocol, type Map as MapLibreMap, type LayerSpecification } from 'maplibre-gl';
import type { Protocol } from 'pmtiles';
import { LAYER } from './style.ts';

/** No basemap (offline, the default), the online OpenStreetMap raster tiles, or a PMTiles file the user picked. */
export type BasemapChoice = { kind: 'none' } | { kind: 'osm' } | { kind: 'pmtiles'; file: File };

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

const SOURCE_ID = 'basemap';
const LAYER_PREFIX = 'basemap-';

let protocol: Protocol | null = null;

function removeBasemap(map: MapLibreMap): void {
  for (const layer of map.getStyle().layers) if (layer.id.startsWith(LAYER_PREFIX)) map.removeLayer(layer.id);
  if (map.getSource(SOURCE_ID)) map.removeSource(SOURCE_ID);
}

/**
 * Layers for a vector PMTiles archive of unknown schema: every polygon layer as a light fill (water blue),
 * every line layer as a thin grey line. No labels: the map's own labels carry the names.
 */
function vectorLayers(layerIds: string[]): LayerSpecification[] {
  return layerIds.flatMap((id): LayerSpecification[] => {
    const water = /water|ocean|sea|river|lake/i.test(id);
    return [
      {
        id: `${LAYER_PREFIX}${id}-fill`,
        type: 'fill',
        source: SOURCE_ID,
        'source-layer': id,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': water ? '#b5d0e8' : '#e8e6e1', 'fill-opacity': 0.8 },
      },
      {
        id: `${LAYER_PREFIX}${id}-line`,
        type: 'line',
        source: SOURCE_ID,
        'source-layer': id,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': water ? '#8fb3d9' : '#b0aca4', 'line-width': 0.8 },
      },
    ];
  });
}

/**
 * Puts the chosen basemap under the district's layers (or removes it). Only `osm` makes requests to
 * another host, and only after the user chose it; a PMTiles file is read from the user's disk.
 * Returns the attribution to show, or null.
 */
export async function applyBasemap(map: MapLibreMap, choice: BasemapChoice): Promise<string | null> {
  removeBasemap(map);
  const below = LAYER.desaFill;
  if (choice.kind === 'none') return null;
  if (choice.kind === 'osm') {
    map.addSource(SOURCE_ID, {
      type: 'raster',
      tiles: [OSM_TILES],
      tileSize: 256,
      maxzoom: 19,
      attribution: OSM_ATTRIBUTION,
    });
    map.addLayer({ id: `${LAYER_PREFIX}raster`, type: 'raster', source: SOURCE_ID }, below);
    return OSM_ATTRIBUTION;
  }
  // The PMTiles reader loads only when someone picks a file.
  const { FileSource, PMTiles, Protocol, TileType } = await import('pmtiles');
  if (!protocol) {
    protocol = new Protocol({ metadata: true });
    addProtocol('pmtiles', protocol.tile);
  }
  const archive = new PMTiles(new FileSource(choice.file));
  protocol.add(archive);
  const header = await archive.getHeader();
  const url = `pmtiles://${choice.file.name}`;
  const metadata = (await archive.getMetadata().catch(() => ({}))) as {
    attribution?: string;
    vector_layers?: { id: string }[];
  };
  if (header.tileType === TileType.Mvt) {
    map.addSource(SOURCE_ID, { type: 'vector', url });
    for (const layer of vectorLayers((metadata.vector_layers ?? []).map((l) => l.id)))
      map.addLayer(layer, below);
  } else if ([TileType.Png, TileType.Jpeg, TileType.Webp, TileType.Avif].includes(header.tileType)) {
    map.addSource(SOURCE_ID, { type: 'raster', url, tileSize: 256 });
    map.addLayer({ id: `${LAYER_PREFIX}raster`, type: 'raster', source: SOURCE_ID }, below);
  } else {
    throw new Error(`unsupported tile type ${header.tileType}`);
  }
  return metadata.attribution ?? choice.file.name;
}
