import BoutiqueCore
import BoutiqueShop
import Hummingbird

/// The privacy pages: the public notice, the employee's « Mes données » and « Fermer mon compte »,
/// the operator's requests page — each behind its console's `RequireRole`.
func addPrivacyRoutes(to router: Router<AppRequestContext>, shop: ShopServices, cookies: SessionCookies, renderer: PageRenderer) {
    let controller = PrivacyController(personalData: shop.personalData, closure: shop.accountClosure, cookies: cookies,
                                       renderer: renderer)
    controller.addPublicRoutes(to: router)
    controller.addEmployeeRoutes(to: router.group().add(middleware: RequireRole([.employee])))
    AdminPrivacyController(personalData: shop.personalData, closure: shop.accountClosure, renderer: renderer)
        .addRoutes(to: router.group().add(middleware: RequireRole([.operator])))
}
