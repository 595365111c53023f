from django.contrib import admin

from .models import Municipality, Region


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    fk_name = "region"
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region", "merged_into"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]
