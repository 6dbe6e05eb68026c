// Every test here drives the container image through Docker: see TestCategories.
[assembly: Category(TestCategories.Docker)]
