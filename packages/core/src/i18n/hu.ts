/** Hungarian. Terms follow GLOSSARY.md (Microsoft's: művelet, ajánlat, közzétevő, közzététel, megszakítás). */
import type { Catalogue } from "./en.ts"

export const hu: Catalogue = {
  "term.kind": "{kind, select, publish {közzététel} goLive {élesítés} cancel {megszakítás} none {művelet} other {{raw}}}",
  "term.operationStatus":
    "{state, select, notStarted {nem indult el} running {fut} completed {befejeződött} failed {sikertelen} canceled {megszakítva} other {{raw}}}",
  "term.stepStatus":
    "{state, select, notStarted {nem indult el} inProgress {folyamatban} waitingForPublisherReview {közzétevői ellenőrzésre vár} waitingForApproval {jóváhagyásra vár} blocked {blokkolva} rejected {elutasítva} complete {kész} failed {sikertelen} canceled {megszakítva} other {{raw}}}",
  "term.unnamedStep": "lépés",

  "core.warning.mayRefuse":
    "a szolgáltatás szerint a cancellationRequestState értéke \"{state}\", nem \"canCancel\": elutasíthatja ezt a megszakítást (lehet, hogy már folyamatban van egy)",

  "core.operation": "{kind, select, publish {közzétételi művelet} goLive {élesítési művelet} cancel {megszakítási művelet} none {művelet} other {„{raw}” művelet}}{id, select, none {} other { ({id})}}",
  "core.cancellationFailed": "a megszakítás{offer, select, none {} other { a(z) {offer} ajánlaton}} sikertelen: a(z) {operation} ezzel az állapottal ért véget: {status}",
  "core.error.BadRequest.what": "A Cloud Partner Portal hibás formátumúként elutasította a kérelmet.",
  "core.error.BadRequest.todo":
    "Ellenőrizze a publisherId, az offerId és az értesítési e-mail-címek értékét. Ha a válasz api-versiont említ, állítsa be a CPP_API_VERSION változót (alapértelmezés: 2017-10-31).",
  "core.error.Unauthorized.what": "Az offerops nem tudott bejelentkezni a Cloud Partner Portalra; semmi sem változott.",
  "core.error.Unauthorized.todo":
    "Ellenőrizze a hitelesítő adatokat, amelyekkel fut: CPP_TOKEN, vagy egy szolgáltatásnév AZURE_TENANT_ID, AZURE_CLIENT_ID és AZURE_CLIENT_SECRET értéke (vagy `az login`), és hogy a jogkivonat a https://cloudpartner.azure.com címhez szól-e.",
  "core.error.Forbidden.what": "A szolgáltatásnév nem fér hozzá ehhez a közzétevőhöz.",
  "core.error.Forbidden.todo":
    "A Partnerközpontban adja hozzá az Entra-alkalmazását a közzétevő fiókjához Fejlesztő (vagy Kezelő) szerepkörrel, és ellenőrizze a publisherId értékét. Ahol objektumazonosítót kér, ott a szolgáltatásnévét adja meg (Entra ID → Vállalati alkalmazások, „Felügyelt alkalmazás a helyi címtárban”), ne az alkalmazásregisztrációét.",
  "core.error.NotFound.what": "Nincs ilyen közzétevő, ajánlat vagy művelet.",
  "core.error.NotFound.todo": "Ellenőrizze a publisherId, az offerId és a műveletazonosító értékét (a kis- és nagybetűk különböznek).",
  "core.error.Unavailable.what": "A Cloud Partner Portal több próbálkozás után sem adott használható választ.",
  "core.error.Unavailable.todo":
    "A szolgáltatás több újrapróbálkozás után is {status, select, none {hibával} other {ezzel: {status}}} válaszolt; túlterhelt vagy nem működik. Próbálkozzon később{seconds, select, none {} other { (a szolgáltatás {seconds} mp várakozást kért)}}, de előbb ellenőrizze, változott-e valami.",
  "core.error.Unavailable.ConnectionRefused":
    "Az alap URL-címen semmi sem figyel. Ellenőrizze az alap URL-címet (CPP_BASE_URL), és ha emulátorról van szó, hogy fut-e.",
  "core.error.Unavailable.HostNotFound": "A gazdagépnév nem oldható fel. Ellenőrizze, nincs-e elírás az alap URL-címben (CPP_BASE_URL), majd a DNS-t és a hálózatot.",
  "core.error.Unavailable.CertificateUntrusted":
    "Ez a gép nem bízik meg a kiszolgáló tanúsítványában. Az emulátor https-éhez futtassa így: NODE_EXTRA_CA_CERTS=<a tanúsítványfájlja>; TLS-t vizsgáló proxy mögött a proxy hitelesítésszolgáltatójával.",
  "core.error.Unavailable.ConnectionLost": "A kapcsolat meghiúsult, vagy nem jött válasz. Ellenőrizze a hálózatot és az alap URL-címet, majd próbálkozzon újra.",
  "core.error.CancelUnconfirmed.what": "Elveszett a válasz a megszakítási kérelemre, és a szolgáltatás nem tudta megmutatni, hogy a megszakítás érvényesült-e.",
  "core.error.CancelUnconfirmed.todo":
    "Ne szakítsa meg egyszerűen újra: előbb nézze meg az ajánlat műveleteit, és csak akkor szakítsa meg újra, ha a művelet még fut, és nincs folyamatban megszakítás.",
  "core.error.InvalidResponse.what": "A Cloud Partner Portal olyan formában válaszolt, amelyet az offerops nem ért.",
  "core.error.InvalidResponse.todo": "Újrapróbálkozás előtt ellenőrizze az ajánlatot a Partnerközpontban, és jelentse a hibát az itt látható kérelemmel együtt.",
  "core.error.OperationFailed.todo": "Olvassa el a művelet üzeneteit a Partnerközpontban, majd nézze meg, mi fut most, mielőtt újra próbálkozna.",
  "core.error.WaitTimeout.what": "A várakozás határideje lejárt, miközben a művelet még futott; semmi sem veszett el.",
  "core.error.WaitTimeout.todo": "Folytassa a várakozást onnan, ahol ez a várakozás abbamaradt.",
  "core.error.InvalidInput.todo": "Az ajánlatot <publisherId>/<offerId> alakban, az e-mail-címeket vesszővel elválasztott listaként adja meg.",
  "core.outcome.Canceled.what": "{operation, select, none {Megszakítva} other {Megszakítva: {operation}}} a(z) {offer} ajánlaton.",
  "core.outcome.Canceled.todo": "Nincs több teendő: ha az ajánlat elkészült, tegye közzé újra.",
  "core.outcome.EndedFirst.what":
    "A(z) {offer} ajánlaton a(z) {operation} magától {state, select, failed {sikertelenül ért véget} other {befejeződött}}, mielőtt a megszakítás érvényesült volna: semmi sem lett megszakítva.",
  "core.outcome.EndedFirst.failed.todo": "A hiba okát a művelet üzeneteiben vagy a Partnerközpontban találja.",
  "core.outcome.EndedFirst.completed.todo":
    "Ha nem kellett volna lefutnia, ellenőrizze az ajánlatot a Partnerközpontban, és tegyen közzé egy javított verziót.",
  "core.outcome.CancelFailed.what": "A megszakítás a(z) {offer} ajánlaton sikertelen: a(z) {operation} még fut.",
  "core.outcome.CancelFailed.todo": "Nézze meg, mi fut most; megpróbálhatja újra megszakítani.",
  "core.outcome.NothingRunning.what": "A(z) {offer} ajánlaton nem fut semmi: semmi sem lett megszakítva.",
  "core.outcome.NothingRunning.todo": "Lehet, hogy a művelet már véget ért, vagy egy másik ajánlaton fut (az azonosítókban számít a kis- és nagybetű).",
  "core.outcome.Accepted.what": "A szolgáltatás elfogadta a megszakítást a(z) {offer} ajánlaton; a végét nem vártuk meg.",
  "core.outcome.Accepted.todo": "Kövesse a végéig a folytatási jogkivonattal.",
  "core.partnerCenter.accountSettings": "Fiókbeállítások",
  "core.partnerCenter.userManagement": "Felhasználókezelés",
  "core.partnerCenter.aadApplications": "Azure AD-alkalmazások",
  "core.partnerCenter.marketplaceOffers": "Marketplace-ajánlatok",
  "core.partnerCenter.offer": "{offer, select, none {az ajánlat} other {a(z) {offer} ajánlat}}",
  "core.partnerCenter.offerOverview": "Ajánlat áttekintése",

  // #20 newcomer messages: each input's accepted forms, no credentials, the emulator's tokens, the bot's history.
  "core.error.InvalidInput.Offer.todo": "Az ajánlatot <publisherId>/<offerId> alakban adja meg, például contoso/contoso-vm, mindkét azonosítót úgy, ahogy a Partnerközpont mutatja.",
  "core.error.InvalidInput.OperationId.todo": "A művelet azonosítóját úgy adja meg, ahogy az ajánlat műveleteinek listája mutatja, például 24ebe22d-a3f7-44a4-9792-628088ce594b.",
  "core.error.InvalidInput.Emails.todo": "Az értesítési e-mail-címeket vesszővel elválasztott listaként adja meg, legfeljebb 20-at, például a@contoso.com,b@contoso.com.",
  "core.error.InvalidInput.ResumeToken.todo": "A folytatási jogkivonatot pontosan úgy adja meg, ahogy kiírtuk (így kezdődik: {prefix}), vagy a művelet helyét: /api/publishers/<publisherId>/offers/<offerId>/operations/<id>, vagy ezt az útvonalat az alap URL-cím alatti URL-címként.",
  "core.error.InvalidInput.Location.todo": "A művelet helyét úgy adja meg, ahogy a szolgáltatás küldte: /api/publishers/<publisherId>/offers/<offerId>/operations/<id>, vagy ezt az útvonalat az alap URL-cím (CPP_BASE_URL) alatti URL-címként. A \"..\" részt tartalmazó vagy más gazdagépre mutató helyet elutasítjuk.",
  "core.error.InvalidInput.BaseUrl.todo": "Adjon meg https:// alap URL-címet (CPP_BASE_URL), például https://cloudpartner.azure.com. Egyszerű http:// csak erre a gépre használható, például az emulátor http://127.0.0.1:<port> címére.",
  "core.error.InvalidInput.Settings.todo": "Javítsa a fent megnevezett környezeti változót, vagy törölje, hogy az alapértelmezés érvényesüljön.",
  "core.error.Unauthorized.NoCredentials.what": "Az offerops nem talált hitelesítő adatokat, ezért semmit sem küldött{baseUrl, select, none {} other { (a(z) {baseUrl} címet hívta volna)}}.",
  "core.error.Unauthorized.NoCredentials.tried": "Ahol keresett:",
  "core.error.Unauthorized.NoCredentials.todo": "Állítsa be a CPP_TOKEN értékét, vagy egy szolgáltatásnév AZURE_TENANT_ID, AZURE_CLIENT_ID és AZURE_CLIENT_SECRET értékét, vagy jelentkezzen be az `az login` paranccsal, majd futtassa újra.",
  "core.error.Unauthorized.emulator.todo": "A(z) {baseUrl} egy emulátor ezen a gépen; a jogkivonatai csak addig érvényesek, amíg fut. Az offerops tárházában futtassa újra ebben a parancshéjban: `eval \"$(pnpm -s emulator env)\"`, majd futtassa újra a parancsot.",
  // #18 Partner Center ingestion v1.0 and Product Ingestion: why something that runs cannot be cancelled
  "core.refusal.notInProgress": "a(z) {id} beküldés állapota {state}: csak folyamatban lévő beküldés szakítható meg",
  "core.refusal.publishing": "a(z) {id} beküldés közzététele folyamatban van: már nem szakítható meg",
  "core.refusal.promoted": "a(z) {id} beküldést élesre léptették: amíg élő nem lesz, nem szakítható meg",
  "core.refusal.byJob": "a(z) {id} beküldés az azt indító konfigurációs feladaton keresztül szakítható meg: szakítsa meg a job:<jobId> feladatot a folyamat által kiírt azonosítóval",
  // #17 a confirmed cancel stops what was confirmed; bounded bot answers; "sent" decided once
  "core.outcome.OperationChanged.what":
    "A(z) {offer} ajánlaton a(z) {operation} már nem fut{running, select, none {} other {: most a(z) {running} fut}}. Nem ment ki megszakítási kérés: semmi sem lett megszakítva.",
  "core.outcome.OperationChanged.todo": "Nézze meg, mi fut most az ajánlaton, és szakítsa meg újra, ha azt szeretné.",
  "core.outcome.OperationChanged.instead.what":
    "A(z) {offer} ajánlaton a megszakítás a(z) {running} műveletet állította le, nem a megerősített {operation} műveletet, amely magától véget ért.",
  "core.outcome.OperationChanged.instead.todo": "Ellenőrizze a(z) {running} műveletet a Partnerközpontban, és indítsa újra, ha futnia kellett volna.",
  "core.error.Unavailable.notSent": "A kérés el sem hagyta ezt a gépet: semmi sem lett elküldve, így semmi sem változott."
}
