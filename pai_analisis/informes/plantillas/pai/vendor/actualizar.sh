#!/bin/sh
# Vuelve a bajar los archivos de DataTables desde el registro npm (versiones fijas) y comprueba
# su integridad. No hace falta para compilar ni instalar pai-analisis: los archivos van en el repo.
set -eu
DT=3.1.5        # datatables.net (núcleo, sin dependencias)
DT_ESTILO=3.1.2 # datatables.net-dt (estilo por defecto; última publicada)
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "datatables.net@$DT" "datatables.net-dt@$DT_ESTILO" >/dev/null )
# sha512 que publica el registro (npm view <paquete>@<versión> dist.integrity)
echo "sha512-phu9fVz1cOhD7kZDO5Ztj15qwghCkmdwX5AezLi+PxfMtnFAq0itpewvXzdwdr6bOwPqO2zuXsXWUU5x3wQptw==  datatables.net-$DT.tgz
sha512-2nxvoJCXjOdXMQO4QkwH1MUnYusC2BkilVMVpi1L7kGQG4OVu4NgPuW20RfXmxfdgSNCUI6R42Yk0v8ohFoe5A==  datatables.net-dt-$DT_ESTILO.tgz" |
while read -r sri tgz; do
  got="sha512-$(openssl dgst -sha512 -binary "$tmp/$tgz" | base64 -w0)"
  [ "$got" = "$sri" ] || { echo "integridad distinta: $tgz" >&2; exit 1; }
done
tar xzf "$tmp/datatables.net-$DT.tgz" -C "$tmp" package/js/dataTables.min.js package/License.txt
cp "$tmp/package/js/dataTables.min.js" datatables.net/dataTables.min.js
cp "$tmp/package/License.txt" datatables.net/LICENSE.txt
rm -rf "$tmp/package"
tar xzf "$tmp/datatables.net-dt-$DT_ESTILO.tgz" -C "$tmp" package/css/dataTables.dataTables.min.css package/License.txt
cp "$tmp/package/css/dataTables.dataTables.min.css" datatables.net-dt/dataTables.dataTables.min.css
cp "$tmp/package/License.txt" datatables.net-dt/LICENSE.txt
sha256sum -c SHA256SUMS
