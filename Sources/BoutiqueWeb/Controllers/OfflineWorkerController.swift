import Foundation
import Hummingbird

/// `/compte/cartes/hors-ligne.js`: the service worker that keeps the till views a holder opened,
/// so that the barcode shows at the till without network. Served from under `/compte/cartes/`
/// (not `/static/`) because a worker controls only the pages under its own path. It holds no
/// secret itself and is public; what it caches is the holder's own pages, on the holder's device,
/// and logging out clears it (`Clear-Site-Data` on `/deconnexion`).
struct OfflineWorkerController {
    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/compte/cartes/hors-ligne.js", use: worker)
    }

    @Sendable func worker(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                 body: .init(byteBuffer: ByteBuffer(string: Self.script)))
    }

    /// Network first (a fresh balance when there is network), the last copy otherwise. Only the
    /// till views and the two files they load are kept; a redirect (to the login page) is not.
    static let script = #"""
        "use strict";
        var CACHE = "boutique-till-v1";
        var TILL = /^\/compte\/cartes\/[0-9A-Fa-f-]{36}\/telephone$/;
        var ASSETS = ["/static/boutique.css", "/static/till.js"];
        self.addEventListener("install", function () { self.skipWaiting(); });
        self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
        self.addEventListener("fetch", function (event) {
          var url = new URL(event.request.url);
          if (event.request.method !== "GET" || url.origin !== self.location.origin) { return; }
          if (!TILL.test(url.pathname) && ASSETS.indexOf(url.pathname) < 0) { return; }
          event.respondWith(fetch(event.request).then(function (response) {
            if (response.ok && !response.redirected) {
              var copy = response.clone();
              caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
            }
            return response;
          }).catch(function () {
            return caches.match(url.pathname).then(function (hit) { return hit || Response.error(); });
          }));
        });
        """#
}
