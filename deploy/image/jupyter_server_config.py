# Jupyter server settings of the single-user image (deploy/image).
c = get_config()  # noqa: F821
c.MappingKernelManager.default_kernel_name = "boltzbook"
c.ServerApp.root_dir = "/home/jovyan/notebooks"
