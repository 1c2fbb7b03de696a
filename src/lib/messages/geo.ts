/**
 * Messages of the boundary core (`src/lib/geo`): why a user's boundary file was refused, what the boundary
 * report says, and the district picker's notes. Parameters are filled and formatted by each surface.
 */
export const geoId = {
  'geo.file.tooBig':
    '{file}: berkas {size} MB melebihi batas {limit} MB untuk batas wilayah di peramban; sederhanakan atau pecah per kabupaten (mis. dengan mapshaper), atau pakai Shapefile ter-zip',
  'geo.file.notRecognised':
    '{file}: bukan GeoJSON, TopoJSON atau Shapefile ter-zip (.zip berisi .shp, .dbf dan .prj)',
  'geo.file.flatgeobuf': '{file}: FlatGeobuf belum didukung; ekspor sebagai GeoJSON atau Shapefile ter-zip',
  'geo.file.invalidJson': '{file}: bukan JSON yang sah ({reason})',
  'geo.file.notText': '{file}: bukan teks UTF-8 (GeoJSON/TopoJSON harus UTF-8)',
  'geo.file.badZip': '{file}: berkas zip rusak atau tidak dapat dibaca ({reason})',
  'geo.file.zipTooBig': '{file}: isi zip ({entry}) melebihi batas {limit} MB setelah diekstrak',
  'geo.file.noShp': '{file}: zip tidak berisi berkas .shp',
  'geo.file.noDbf':
    '{file}: {layer}.shp tidak disertai {layer}.dbf (tabel atribut dengan kode dan nama desa); sertakan .dbf dalam zip',
  'geo.file.badShp': '{file}: {layer}.shp tidak dapat dibaca ({reason})',
  'geo.file.prjUnknown':
    '{file}: sistem koordinat di {layer}.prj tidak dikenal ("{prj}"); ekspor ulang dalam WGS 84 (EPSG:4326) atau UTM (mis. EPSG:32749)',
  'geo.file.crsUnknown':
    '{file}: sistem koordinat {crs} tidak dikenal; pilih EPSG:4326 atau UTM WGS 84 (EPSG:32746–32754, 32646–32654)',
  'geo.file.noPolygons': '{file}: tidak ada poligon (Polygon/MultiPolygon) di dalam berkas',
  'geo.file.badGeometry': '{file}: fitur {feature}: {reason}',
  'geo.file.outsideIndonesia':
    '{file}: {count} dari {total} fitur berada di luar Indonesia (kotak {bbox}); periksa sistem koordinatnya{hint}',
  'geo.file.hintProjected':
    ' (angkanya tampak meter: berkas ini mungkin UTM, pilih EPSG:32749 atau zona lain)',
  'geo.file.outsideKabupaten':
    '{file}: setelah diproyeksikan dengan {crs}, batas berada di luar {kab} (kotak {bbox}); pilih sistem koordinat lain',
  'geo.file.needsCrs':
    '{file}: {layer}.prj tidak ada: pilih sistem koordinatnya (EPSG:32749 UTM 49S atau EPSG:4326)',
  'geo.field.missing': '{file}: kolom {field} tidak ada (kolom: {columns})',
  'geo.field.noCode':
    '{file}: tidak ada kolom kode desa atau nama desa yang dapat dipakai; pilih kolomnya (kolom: {columns})',
  'geo.match.none':
    '{file}: tidak satu pun dari {total} fitur cocok dengan desa di daftar Kemendagri{kab}; periksa kolom kode/nama',
  'geo.match.noKabupaten':
    '{file}: kabupaten/kota tidak dapat ditentukan dari kode; sebutkan kabupaten/kota (mis. --kab 33.24)',
  'geo.match.duplicate': '{file}: desa {kode} muncul di {count} fitur; digabung menjadi satu',
  'geo.set.unknownKab': 'kode wilayah {kab} tidak dikenal',
  'geo.set.notBuilt':
    'batas wilayah {kab} belum tersedia di aplikasi ini; pilih wilayah lain atau impor berkas batas',
} as const;

export const geoEn: Record<keyof typeof geoId, string> = {
  'geo.file.tooBig':
    '{file}: the file is {size} MB, over the {limit} MB limit for boundaries in the browser; simplify it or split it per kabupaten (e.g. with mapshaper), or use a zipped Shapefile',
  'geo.file.notRecognised':
    '{file}: not GeoJSON, TopoJSON or a zipped Shapefile (a .zip holding .shp, .dbf and .prj)',
  'geo.file.flatgeobuf':
    '{file}: FlatGeobuf is not supported yet; export it as GeoJSON or a zipped Shapefile',
  'geo.file.invalidJson': '{file}: not valid JSON ({reason})',
  'geo.file.notText': '{file}: not UTF-8 text (GeoJSON/TopoJSON must be UTF-8)',
  'geo.file.badZip': '{file}: the zip is damaged or cannot be read ({reason})',
  'geo.file.zipTooBig': '{file}: the zip entry {entry} inflates past the {limit} MB limit',
  'geo.file.noShp': '{file}: the zip holds no .shp file',
  'geo.file.noDbf':
    '{file}: {layer}.shp comes without {layer}.dbf (the attribute table with the desa codes and names); put the .dbf in the zip',
  'geo.file.badShp': '{file}: {layer}.shp cannot be read ({reason})',
  'geo.file.prjUnknown':
    '{file}: the coordinate system in {layer}.prj is unknown ("{prj}"); export again in WGS 84 (EPSG:4326) or UTM (e.g. EPSG:32749)',
  'geo.file.crsUnknown':
    '{file}: unknown coordinate system {crs}; choose EPSG:4326 or WGS 84 UTM (EPSG:32746–32754, 32646–32654)',
  'geo.file.noPolygons': '{file}: the file holds no polygons (Polygon/MultiPolygon)',
  'geo.file.badGeometry': '{file}: feature {feature}: {reason}',
  'geo.file.outsideIndonesia':
    '{file}: {count} of {total} features lie outside Indonesia (box {bbox}); check the coordinate system{hint}',
  'geo.file.hintProjected':
    ' (the numbers look like metres: the file may be UTM, choose EPSG:32749 or another zone)',
  'geo.file.outsideKabupaten':
    '{file}: projected with {crs}, the boundaries lie outside {kab} (box {bbox}); choose another coordinate system',
  'geo.file.needsCrs':
    '{file}: {layer}.prj is missing: choose its coordinate system (EPSG:32749 UTM 49S or EPSG:4326)',
  'geo.field.missing': '{file}: there is no column {field} (columns: {columns})',
  'geo.field.noCode':
    '{file}: no usable desa code or desa name column; choose the columns (columns: {columns})',
  'geo.match.none':
    '{file}: none of the {total} features matches a desa of the Kemendagri list{kab}; check the code/name columns',
  'geo.match.noKabupaten':
    '{file}: the kabupaten/kota cannot be told from the codes; name it (e.g. --kab 33.24)',
  'geo.match.duplicate': '{file}: desa {kode} appears in {count} features; merged into one',
  'geo.set.unknownKab': 'unknown region code {kab}',
  'geo.set.notBuilt':
    'the boundaries of {kab} are not available in this app; choose another region or import a boundary file',
} as const;
